/**
 * Runs before every mini-program test file: loading the simulate helper gives the file the runtime's
 * globals (wx with miniprogram-simulate's API doubles, Component, Behavior, and the Page shim).
 */
import './simulate';
