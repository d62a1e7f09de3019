/** Reader (大模型审读) answers for the UI tests, shaped as typings/reader.ts says the function answers. */
import type { PostReadingView, ReaderFinding, ReaderSettingsView, ReadingView } from '../../typings/reader';

export const MODEL = 'hunyuan-exp/hunyuan-turbos-latest';

export function finding(over: Partial<ReaderFinding> = {}): ReaderFinding {
  return {
    id: 'f1',
    item: '17.1.9',
    ref: '第十七条（一）9',
    title: '“卖惨式”宣传',
    kind: 'prohibited',
    levelFloor: null,
    category: 'sobStory',
    start: 20,
    end: 24,
    quote: '以泪洗面',
    reason: '渲染民警家属的悲苦处境',
    confidence: 0.82,
    ...over,
  };
}

export function reading(over: Partial<ReadingView> = {}): ReadingView {
  return {
    state: 'done',
    note: null,
    model: MODEL,
    promptVersion: 2,
    findings: [finding()],
    dropped: 0,
    raisedTo: null,
    tokens: 1500,
    latencyMs: 2300,
    cached: false,
    at: '2026-11-30T10:00:00.000+08:00',
    ...over,
  };
}

export function postReading(over: Partial<PostReadingView> = {}): PostReadingView {
  return { postId: 'post-1', version: 1, reading: reading(), judgements: [], mine: [], canJudge: true, ...over };
}

export function settingsView(over: Partial<ReaderSettingsView['settings']> = {}): ReaderSettingsView {
  return {
    settings: {
      enabled: false,
      model: null,
      timeoutSeconds: 8,
      monthlyTokens: 300000,
      unitBudgets: [],
      raiseFloor: false,
      raiseConfidence: 0.85,
      chunkChars: 3000,
      rev: 3,
      updatedAt: null,
      updatedBy: null,
      ...over,
    },
    models: [MODEL, 'deepseek/deepseek-v3.2'],
    unitNames: { 'u-cs': '长沙市公安局' },
  };
}
