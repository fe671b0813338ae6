/**
 * The one path for messages to the user: every message is logged, published as an event (the
 * extension's test API reads it), and shown by VS Code. Nothing else calls window.show*Message.
 */
import * as vscode from 'vscode';

export type NotificationLevel = 'info' | 'warning' | 'error';

export interface Notification {
  level: NotificationLevel;
  message: string;
  actions: string[];
  /** The core error's code, when the notification reports one. */
  code?: string;
  /** A modal question (a confirmation before a change callers hear or a file lost to the working tree). */
  modal?: boolean;
}

export class Notifications implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Notification>();
  readonly onDidNotify = this.emitter.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Shows the message; `onAction` runs when the user picks one of `actions`. Never waits for the user. */
  show(notification: Notification, onAction?: (action: string) => unknown): void {
    void this.ask(notification).then(
      async (picked) => {
        if (picked && onAction) await onAction(picked);
      },
      () => undefined,
    );
  }

  /** Shows the message and resolves to the action the user picked (undefined when dismissed). */
  ask(notification: Notification, detail?: string): Promise<string | undefined> {
    const { level, message, actions } = notification;
    this.log[level === 'info' ? 'info' : level === 'warning' ? 'warn' : 'error'](message);
    this.emitter.fire(notification);
    const show =
      level === 'info'
        ? vscode.window.showInformationMessage
        : level === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showErrorMessage;
    const options: vscode.MessageOptions = notification.modal ? { modal: true, ...(detail ? { detail } : {}) } : {};
    return Promise.resolve(show(message, options, ...actions));
  }

  /** A modal warning with one action; true when the user chose it. */
  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    return (await this.ask({ level: 'warning', message, actions: [action], modal: true }, detail)) === action;
  }

  info(message: string, actions: Record<string, () => unknown> = {}): void {
    this.show({ level: 'info', message, actions: Object.keys(actions) }, (a) => actions[a]?.());
  }

  warn(message: string, actions: Record<string, () => unknown> = {}, code?: string): void {
    this.show({ level: 'warning', message, actions: Object.keys(actions), ...(code ? { code } : {}) }, (a) =>
      actions[a]?.(),
    );
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
