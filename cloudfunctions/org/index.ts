import { createMain, type Handlers } from '../../server/dispatch';
import { bind } from '../../server/org/bind';
import { me } from '../../server/org/me';

const handlers: Handlers<'org'> = { me, bind };

export const main = createMain(handlers);
