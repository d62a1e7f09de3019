/** IPC messages between the runtime and a function instance (runtime/child.ts). Type-only. */
import type { ClockSnapshot } from '../clock';

/** The second argument SCF passes to `main` (the fields the Node SDKs read). */
export interface ScfContext {
  request_id: string;
  function_name: string;
  function_version: string;
  namespace: string;
  memory_limit_in_mb: number;
  time_limit_in_ms: number;
  /** JSON of the per-invocation environment, as SCF's newer runtime passes it. */
  environment: string;
}

export interface InvokeMessage {
  type: 'invoke';
  id: string;
  /** JSON text of the event: the cloud hands functions parsed JSON, never live objects. */
  event: string;
  context: ScfContext;
  /** Per-invocation variables; `null` removes a variable left by the previous invocation. */
  env: Record<string, string | null>;
  clock: ClockSnapshot;
}

export interface ClockMessage {
  type: 'clock';
  clock: ClockSnapshot;
}

export type ToChild = InvokeMessage | ClockMessage;

export interface ReadyMessage {
  type: 'ready';
}

export interface InitErrorMessage {
  type: 'initError';
  message: string;
}

export type ResultMessage =
  | { type: 'result'; id: string; ok: true; /** JSON text, or undefined when main returned nothing. */ result?: string }
  | { type: 'result'; id: string; ok: false; message: string };

export type FromChild = ReadyMessage | InitErrorMessage | ResultMessage;
