/**
 * Confirmation before an irreversible step (同意 of a major post, 撤回, 提高敏感等级, 签收, 结案): the
 * page shows a Vant dialog from its data (`confirm`) and awaits the answer.
 *
 *   <van-dialog id="confirm" show="{{ confirm.show }}" title="{{ confirm.title }}" message="{{ confirm.message }}"
 *     show-cancel-button confirm-button-text="{{ confirm.confirmText }}" bind:confirm="onConfirmYes"
 *     bind:cancel="onConfirmNo" />
 *   if (!(await ask(this, { title: '确认撤回？', message: '…', confirmText: '撤回' }))) return;
 */
export interface ConfirmView {
  show: boolean;
  title: string;
  message: string;
  confirmText: string;
}

export const NO_CONFIRM: ConfirmView = { show: false, title: '', message: '', confirmText: '确定' };

export interface ConfirmingPage {
  /** The open question's answer, until the dialog is closed. */
  confirmAnswer: ((yes: boolean) => void) | null;
  setData(data: { confirm: ConfirmView }): void;
}

/** Opens the dialog; resolves true on 确定, false on 取消 (or when another question replaces it). */
export function ask(page: ConfirmingPage, question: Omit<ConfirmView, 'show'>): Promise<boolean> {
  page.confirmAnswer?.(false);
  page.setData({ confirm: { ...question, show: true } });
  return new Promise((resolve) => {
    page.confirmAnswer = resolve;
  });
}

/** The dialog's confirm / cancel handlers call this. */
export function answer(page: ConfirmingPage, yes: boolean): void {
  const resolve = page.confirmAnswer;
  page.confirmAnswer = null;
  page.setData({ confirm: NO_CONFIRM });
  resolve?.(yes);
}
