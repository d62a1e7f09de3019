/** Screening core (第十七条, 第十八条, 第二十一条, 第二十四条, 第四十条): the public API. */
export { SCREENING_CATEGORIES, categoryOf, formatRef, appliesTo, higherLevel } from './categories';
export { getMatcher, buildMatcher, type Matcher, type TermHit, type LexiconMatch } from './matcher';
export { normalise, normaliseTerm } from './normalize';
export { screen, DETECTORS } from './screen';
export { checkSource, isForeignHost } from './sources';
export { mergeMsgSecCheck, msgSecLabelName, MSG_SEC_LABELS } from './msgsec';
export { isResidentId, luhnValid } from './detectors/personal-data';
export { STARTER_LEXICON } from './starter-lexicon';
export { FOREIGN_OUTLETS } from './foreign-sources';
