import { createTimerMain } from '../../server/notify/timer';

export const main = createTimerMain();
