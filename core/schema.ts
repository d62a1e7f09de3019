/**
 * The declared database schema: every collection the product uses and its indexes.
 * One file, read by the local cloud (which creates exactly these collections and real indexes)
 * and by the deploy path (which applies them to the cloud environment). A collection that is not
 * declared here does not exist, as in production.
 *
 * Each domain owns its section; keep one name per concept end to end (collection = type = page).
 */

export type IndexDirection = 1 | -1;

export interface IndexKey {
  /** Dot path of the field. */
  field: string;
  direction: IndexDirection;
}

export interface IndexSpec {
  name: string;
  keys: IndexKey[];
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  indexes: IndexSpec[];
}

const asc = (field: string): IndexKey => ({ field, direction: 1 });
const desc = (field: string): IndexKey => ({ field, direction: -1 });

export const schema: CollectionSpec[] = [
  // --- org (units, people, roles, accounts, sign-in, audit) ---
  {
    name: 'units',
    // path: scope queries ("every unit under X") match X in the path array.
    indexes: [
      { name: 'parentId', keys: [asc('parentId')] },
      { name: 'path', keys: [asc('path')] },
    ],
  },
  {
    name: 'people',
    indexes: [
      { name: 'badgeNo', keys: [asc('badgeNo')], unique: true },
      { name: 'openid', keys: [asc('openid')] },
      { name: 'unitId', keys: [asc('unitId')] },
      // who holds a role in a unit (a department's handlers, a desk's staff), for notices
      { name: 'roleUnit', keys: [asc('roles.unitId')] },
      // province scale (issue 18): a scope's people in badge order (org.listPeople), a page at a time
      { name: 'unitBadge', keys: [asc('unitId'), asc('badgeNo')] },
    ],
  },
  {
    name: 'invites',
    indexes: [
      { name: 'code', keys: [asc('code')], unique: true },
      { name: 'person', keys: [asc('personId'), desc('createdAt')] },
    ],
  },
  {
    name: 'accounts',
    indexes: [
      { name: 'unitId', keys: [asc('unitId')] },
      { name: 'operatorA', keys: [asc('operatorA')] },
      { name: 'operatorB', keys: [asc('operatorB')] },
      // hardening (issue 11): every account naming a person, for the person's page (第十一条, 第十六条)
      { name: 'reviewerIds', keys: [asc('reviewerIds')] },
      { name: 'ownerId', keys: [asc('ownerId')] },
      // accounts lifecycle: the matrix and registry lists (facet equality, ordered by name), the setup
      // tasks an applicant still has (an officer's own personal accounts use ownerId above).
      { name: 'facets', keys: [asc('facets'), asc('name'), asc('_id')] },
      { name: 'setupApplicant', keys: [asc('lifecycle.applicantId'), asc('state')] },
      // province scale (issue 18): a scope's accounts in name order (org.listAccounts), a page at a time
      { name: 'unitName', keys: [asc('unitId'), asc('name'), asc('_id')] },
    ],
  },
  // hardening (issue 11, 第三十三条): a WeChat whose binding moved to another; `_id` from the OPENID.
  { name: 'bindingRevocations', indexes: [] },
  {
    name: 'auditLog',
    indexes: [
      { name: 'seq', keys: [asc('seq')], unique: true },
      { name: 'unitPath', keys: [asc('unitPath'), desc('seq')] },
    ],
  },
  // --- notifications ---
  {
    name: 'notifications',
    indexes: [
      { name: 'recipient', keys: [asc('recipientId'), desc('createdAt')] },
      { name: 'unread', keys: [asc('recipientId'), asc('read')] },
      { name: 'dedupeKey', keys: [asc('dedupeKey')], unique: true },
    ],
  },
  { name: 'consents', indexes: [{ name: 'person', keys: [asc('personId')] }] },
  {
    name: 'outbox',
    indexes: [
      { name: 'dedupeKey', keys: [asc('dedupeKey')], unique: true },
      { name: 'due', keys: [asc('state'), asc('dueAt')] },
    ],
  },
  // --- screening ---
  { name: 'lexicon', indexes: [{ name: 'category', keys: [asc('category')] }] },
  { name: 'lexiconVersions', indexes: [{ name: 'version', keys: [desc('version')] }] },
  // --- screening: combination rules and standard wording (issue 17), on the lexicon's version ---
  // Loaded by keyset paging on _id (active ones), listed from the loaded copy: no other query.
  { name: 'screeningRules', indexes: [{ name: 'category', keys: [asc('category')] }] },
  { name: 'wordingRules', indexes: [] },
  // --- posts ---
  {
    name: 'posts',
    indexes: [
      { name: 'account', keys: [asc('accountId'), desc('updatedAt')] },
      // counts what waits for a person (the list itself reads approvalQueue: an array key gives no order)
      { name: 'pending', keys: [asc('pendingWith'), desc('submittedAt')] },
      // the author's posts, newest change first, optionally by state (the drafts badge counts one range)
      { name: 'author', keys: [asc('authorId'), asc('state'), desc('updatedAt')] },
      // the publish-reminder planner reads approved posts whose planned time has come
      { name: 'planned', keys: [asc('state'), asc('plannedAt')] },
      // security (issue 15): a unit's posts recorded as published in a month, for its archive (第三十二条)
      { name: 'recorded', keys: [asc('unitId'), asc('publication.recordedAt')] },
    ],
  },
  // One entry per post and pendingWith key while the post waits (_id `<postId>|<key>`); a scalar key,
  // so one reviewer's page of approvals reads one page of entries.
  {
    name: 'approvalQueue',
    indexes: [
      { name: 'open', keys: [asc('key'), asc('open'), desc('submittedAt')] },
      // waiting-step reminders (issue 16): the approver at remindAt, the leader above at escalateAt
      { name: 'remind', keys: [asc('open'), asc('remindAt')] },
      { name: 'escalate', keys: [asc('open'), asc('escalateAt')] },
    ],
  },
  // --- approvals page (issue 16): 我已处理 / 抄送我 lines, nudges and comments, bureaus' 抄送 rules ---
  // One line per person and decision or copy (_id `<postId>|<round>|<stepKey>|<box>|<personId>`).
  {
    name: 'approvalRecords',
    indexes: [
      { name: 'personBox', keys: [asc('personId'), asc('box'), desc('at')] },
      // a post's copies (its timeline) and whether someone is involved with it (may comment)
      { name: 'post', keys: [asc('postId'), asc('at')] },
    ],
  },
  // Nudges and comments on a post's timeline; they never change the post (its rev stays).
  { name: 'postNotes', indexes: [{ name: 'post', keys: [asc('postId'), asc('at')] }] },
  // One document per bureau that has its own 抄送 rules (_id = the bureau's unit id).
  { name: 'copyRules', indexes: [] },
  // One document per submitted version (_id `<postId>#<version>`), never rewritten.
  { name: 'postVersions', indexes: [{ name: 'post', keys: [asc('postId'), desc('version')], unique: true }] },
  // One document per account and Beijing day; `day` lets the 16:00 planner read only today's rows.
  {
    name: 'cadenceDays',
    indexes: [
      { name: 'accountDay', keys: [asc('accountId'), asc('day')], unique: true },
      { name: 'day', keys: [asc('day')] },
    ],
  },
  // --- messages and referrals ---
  {
    name: 'messages',
    indexes: [
      { name: 'account', keys: [asc('accountId'), desc('receivedAt')] },
      { name: 'unit', keys: [asc('unitId'), desc('receivedAt')] },
      // a unit's messages still without an outcome (第二十二至二十八条: none is left without one)
      { name: 'unitState', keys: [asc('unitId'), asc('state'), desc('receivedAt')] },
      // 第二十三条 reply-target reminders: deferred messages still being handled, by target time
      { name: 'replyTarget', keys: [asc('state'), asc('replyTargetAt')] },
      // accounts lifecycle (第十三条): an account's messages still without an outcome, to hand over on closing
      { name: 'accountState', keys: [asc('accountId'), asc('state'), desc('receivedAt')] },
      // security (issue 15): a unit's messages closed in a month, for its archive (第三十二条)
      { name: 'closed', keys: [asc('unitId'), asc('closedAt')] },
    ],
  },
  {
    name: 'referrals',
    indexes: [
      { name: 'department', keys: [asc('departmentId'), asc('state'), asc('dueAt')] },
      { name: 'departmentOpen', keys: [asc('departmentId'), asc('open'), asc('dueAt')] },
      { name: 'unit', keys: [asc('unitId'), asc('state'), asc('dueAt')] },
      { name: 'unitOpen', keys: [asc('unitId'), asc('open'), asc('dueAt')] },
      // the workbench counter: what a handler signed and still holds
      { name: 'handler', keys: [asc('handlerId'), asc('state')] },
      // overdue and hours-before reminders, and the daily digest
      { name: 'due', keys: [asc('open'), asc('dueAt')] },
      // reminder runs: open referrals whose first reminder (core/referral/reminders dueSoonAt) has come
      { name: 'reminder', keys: [asc('open'), asc('dueSoonAt')] },
      { name: 'message', keys: [asc('messageId')] },
      // accounts lifecycle (第十三条): an account's open referrals, to hand over on closing
      { name: 'accountOpen', keys: [asc('accountId'), asc('open'), asc('dueAt')] },
    ],
  },
  // One document per year (_id `year-2027`): the admin's arrangement of the days chinese-days lacks.
  { name: 'calendarOverrides', indexes: [{ name: 'year', keys: [asc('year')], unique: true }] },
  // --- evaluation (issue 14: 第三十六条—第三十八条 monthly evaluation, circular, annual commendation) ---
  // Scheme versions: the one in force for a month is the latest whose fromMonth is not after it.
  { name: 'evaluationSchemes', indexes: [{ name: 'fromMonth', keys: [asc('fromMonth'), desc('version')] }] },
  // One document per evaluated month (_id `month-YYYY-MM`): its run, cursor, state and circular.
  { name: 'evaluationMonths', indexes: [{ name: 'month', keys: [asc('month')], unique: true }] },
  {
    name: 'evaluationResults',
    indexes: [
      // a month's ranking page, best first (runId: a re-run's documents only)
      { name: 'monthRun', keys: [asc('month'), asc('runId'), desc('score'), asc('accountId')] },
      { name: 'monthRunKind', keys: [asc('month'), asc('runId'), asc('kind'), desc('score'), asc('accountId')] },
      // a unit's accounts (unitPath holds every unit above the account)
      // (accountId last: the page's tie order, so a unit's page reads its own rows only — issue 18)
      { name: 'monthRunUnit', keys: [asc('month'), asc('runId'), asc('unitPath'), desc('score'), asc('accountId')] },
      // an account's trend, month by month
      { name: 'account', keys: [asc('accountId'), asc('month')] },
    ],
  },
  { name: 'evaluationUnitResults', indexes: [{ name: 'unit', keys: [asc('unitId'), asc('month')] }] },
  // One document per month (_id = month): every rank, the cities, the totals.
  { name: 'evaluationStandings', indexes: [] },
  { name: 'evaluationAdjustments', indexes: [{ name: 'monthAccount', keys: [asc('month'), asc('accountId')] }] },
  {
    name: 'evaluationObjections',
    indexes: [
      { name: 'monthState', keys: [asc('month'), asc('state'), asc('raisedAt')] },
      { name: 'monthAccount', keys: [asc('month'), asc('accountId')] },
    ],
  },
  // 失声失语 (第三十六条): public-opinion events the desk declared, read by month.
  { name: 'opinionEvents', indexes: [{ name: 'month', keys: [asc('month'), asc('from')] }] },
  // 第三十八条 年度优秀 marks (_id `year-YYYY`).
  { name: 'evaluationYears', indexes: [] },
  // 第十五条: attempts to publish what was not approved, refused and recorded, by account and time.
  { name: 'publishRefusals', indexes: [{ name: 'accountAt', keys: [asc('accountId'), asc('at')] }] },
  // --- security (issue 15): 第三十三条 passwords & incidents, 第三十五条 training, 第三十二条 archives ---
  {
    // One per account (_id = account id): rotation facts, settings, posting holds.
    name: 'accountSecurity',
    indexes: [
      // the reminder sweep reads only the accounts whose next reminder has come
      { name: 'remind', keys: [asc('tracked'), asc('remindAt')] },
      // a unit's (and every desk above's) accounts by due time: overdue first
      { name: 'unitDue', keys: [asc('unitPath'), asc('tracked'), asc('dueAt')] },
      // a person changed (left, deactivated): the accounts whose credentials they touch
      { name: 'watch', keys: [asc('watch')] },
      // a new province policy: the records still computed with an older one
      { name: 'policyRev', keys: [asc('policyRev')] },
    ],
  },
  {
    name: 'securityAttestations',
    indexes: [
      // an account's history, and its month for the evaluation (issue 14)
      { name: 'account', keys: [asc('accountId'), desc('recordedAt')] },
      // a unit's attestations of a month, for its archive
      { name: 'unit', keys: [asc('unitId'), asc('recordedAt')] },
    ],
  },
  {
    name: 'incidents',
    indexes: [
      // an account's incidents by report time (the evaluation reads them by account and month)
      { name: 'account', keys: [asc('accountId'), desc('reportedAt')] },
      { name: 'unitPath', keys: [asc('unitPath'), desc('reportedAt')] },
      { name: 'unitState', keys: [asc('unitPath'), asc('state'), desc('reportedAt')] },
      // a unit's incidents closed in a month, for its archive
      { name: 'closed', keys: [asc('unitId'), asc('closedAt')] },
    ],
  },
  // One document (_id 'province'): the province's security and training requirements.
  { name: 'securityPolicy', indexes: [] },
  { name: 'trainingSessions', indexes: [{ name: 'unitPath', keys: [asc('unitPath'), desc('date')] }] },
  {
    name: 'trainingAttendance',
    indexes: [
      { name: 'session', keys: [asc('sessionId'), asc('personId')] },
      { name: 'person', keys: [asc('personId'), desc('date')] },
    ],
  },
  {
    name: 'archives',
    indexes: [
      { name: 'unitPath', keys: [asc('unitPath'), desc('sortKey')] },
      { name: 'unitType', keys: [asc('unitPath'), asc('type'), desc('sortKey')] },
      // the timer's next chunk: archives still building
      { name: 'building', keys: [asc('state'), asc('updatedAt')] },
    ],
  },
  // --- linkage directives (第三十四条) ---
  {
    name: 'directives',
    indexes: [
      // the timer: directives with a step due (fan-out, reminders, late report, closing)
      { name: 'steps', keys: [asc('open'), asc('nextStepAt')] },
      // a desk's list: the directives reaching its bureau, newest first
      { name: 'reach', keys: [asc('reach'), desc('issuedAt')] },
      { name: 'correction', keys: [asc('correctionOf'), desc('issuedAt')] },
    ],
  },
  // One per account and directive (_id `<directiveId>|<accountId>`): the board, the to-do, the record.
  {
    name: 'directiveTargets',
    indexes: [
      // reminder, late and closing runs read only the targets still pending, a page at a time by account
      { name: 'directive', keys: [asc('directiveId'), asc('state'), asc('accountId')] },
      // the board: the scope's, a city's or a county's accounts, silent first then slowest (a status
      // is a range of rank); scalar keys, so a page reads a page
      { name: 'board', keys: [asc('directiveId'), desc('rank'), asc('accountId')] },
      { name: 'boardTier1', keys: [asc('directiveId'), asc('tier1Id'), desc('rank'), asc('accountId')] },
      { name: 'boardTier2', keys: [asc('directiveId'), asc('tier2Id'), desc('rank'), asc('accountId')] },
      // an operator's directives: their accounts' pending targets by deadline, and all by issue time
      { name: 'account', keys: [asc('accountId'), asc('state'), asc('dueAt')] },
      { name: 'accountIssued', keys: [asc('accountId'), desc('issuedAt')] },
      // 第三十六条: the monthly evaluation reads a month's records by account
      { name: 'month', keys: [asc('month'), asc('accountId'), asc('issuedAt')] },
    ],
  },
  { name: 'directiveTallies', indexes: [{ name: 'parent', keys: [asc('directiveId'), asc('parentId')] }] },
  // The frozen target list of a directive, in chunks (_id `<planId>#<n>`), read by id.
  { name: 'linkagePlans', indexes: [] },
  { name: 'linkageSettings', indexes: [] },
  // linkage preview counters (issue 18): per unit (_id unit id) and per operator (_id person id), read by id
  { name: 'linkageReach', indexes: [] },
  { name: 'linkageOperators', indexes: [] },
  // --- accounts lifecycle (第九条—第十四条, 第三十九条—第四十二条) ---
  {
    name: 'accountApplications',
    indexes: [
      { name: 'mine', keys: [asc('applicantId'), desc('updatedAt')] },
      // a desk's applications to decide, oldest first
      { name: 'decider', keys: [asc('deciderId'), asc('state'), asc('submittedAt')] },
      // a desk's decided applications, newest decision first (decidedAt is null while pending)
      { name: 'decided', keys: [asc('deciderId'), desc('decidedAt')] },
    ],
  },
  // One claim per unit, platform and name (and per account being closed), by id: two applications
  // racing for one name cannot both hold it (第十条).
  { name: 'accountNames', indexes: [] },
  {
    name: 'filings',
    indexes: [
      { name: 'receiver', keys: [asc('receiverDeskId'), asc('state'), desc('createdAt')] },
      { name: 'filer', keys: [asc('filerDeskId'), asc('state'), desc('createdAt')] },
      // reminders: filings not filed by their deadline, and filed ones left unacknowledged
      { name: 'due', keys: [asc('state'), asc('dueAt')] },
      { name: 'acknowledge', keys: [asc('state'), asc('acknowledgeDueAt')] },
      { name: 'account', keys: [asc('accountId'), desc('createdAt')] },
    ],
  },
  // Records for the monthly evaluation (issue 14): every state change and every 第四十二条 mark, by month.
  {
    name: 'accountEvents',
    indexes: [
      { name: 'month', keys: [asc('month'), asc('at')] },
      { name: 'account', keys: [asc('accountId'), asc('at')] },
    ],
  },
  {
    name: 'accountMarks',
    indexes: [
      { name: 'month', keys: [asc('month'), asc('at')] },
      { name: 'account', keys: [asc('accountId'), desc('at')] },
      { name: 'unit', keys: [asc('unitId'), desc('at')] },
    ],
  },
  // One document per unit (_id = unit id): the matrix's maintained counts and 第九条 gaps.
  {
    name: 'matrixTotals',
    indexes: [
      { name: 'gaps', keys: [asc('gap'), asc('unitPath'), asc('_id')] },
      { name: 'gapSince', keys: [asc('gap'), asc('gapSince')] },
      { name: 'path', keys: [asc('unitPath'), asc('_id')] },
    ],
  },
  // One document (_id `rules`): the naming rule and filing periods the province sets.
  { name: 'accountRules', indexes: [] },
  // --- reader (大模型审读, issue 19) ---
  // One document: the province desk's settings for this environment (_id `settings`).
  { name: 'readerSettings', indexes: [] },
  // One document per prompt version (_id `rp-<version>`); the head is counters/readerPromptVersion.
  { name: 'readerPrompts', indexes: [{ name: 'version', keys: [desc('version')], unique: true }] },
  // Completed readings by content key (prompt version, model, account kind, limit, text): the cache.
  { name: 'readings', indexes: [] },
  // The reading of each submitted version (_id `<postId>#<version>`).
  { name: 'postReadings', indexes: [{ name: 'post', keys: [asc('postId'), desc('version')] }] },
  // One document per call to the model: model, tokens, latency, outcome.
  { name: 'readerCalls', indexes: [{ name: 'month', keys: [asc('month'), desc('at')] }] },
  // Tokens per unit and month (_id `<unitId>:<YYYY-MM>`), reserved before each call.
  { name: 'readerUsage', indexes: [{ name: 'month', keys: [asc('month'), desc('tokens')] }] },
  // Approvers' judgements, one per finding and person (_id `<postId>#<version>#<findingId>#<personId>`).
  { name: 'readerJudgements', indexes: [{ name: 'post', keys: [asc('postId'), asc('version')] }] },
  // Judgement counts per month, model and prompt version (_id `<month>|<model>|<promptVersion>`).
  { name: 'readerStats', indexes: [{ name: 'month', keys: [asc('month')] }] },
  // --- runtime bookkeeping ---
  { name: 'leases', indexes: [] },
  { name: 'counters', indexes: [] },
];

// --- evaluation (issue 14): indexes on other domains' collections, to read one month's records by account ---
const evaluationIndexes: Array<{ collection: string; index: IndexSpec }> = [
  // 第二十七条: the referrals whose deadline falls in the month, per account
  { collection: 'referrals', index: { name: 'accountDue', keys: [asc('accountId'), asc('dueAt')] } },
];
for (const { collection, index } of evaluationIndexes) {
  const spec = schema.find((c) => c.name === collection);
  if (!spec) throw new Error(`schema: no collection ${collection} for index ${index.name}`);
  spec.indexes.push(index);
}

export type CollectionName = (typeof schema)[number]['name'];
