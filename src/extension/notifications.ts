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
  /** A modal's consequences, under its question. */
  detail?: string;
}

/** Answers modal questions instead of the user (the integration tests set one through the extension's API). */
export type ModalResponder = (question: Notification) => string | undefined;

export class Notifications implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Notification>();
  readonly onDidNotify = this.emitter.event;

  private responder?: ModalResponder;
  /** Each shown notification's action handler, so the test API can pick an action as a user would (even long after). */
  private readonly handlers = new WeakMap<Notification, (action: string) => unknown>();
  /** Each pending question's answer, so the test API can answer a non-modal one as a click would. */
  private readonly pending = new WeakMap<Notification, (action: string) => void>();
  /** Messages shown until something happens (showUntil) that are still up. */
  private readonly standing = new Set<Notification>();
  private endStanding: () => void = () => undefined;
  private readonly disposed = new Promise<void>((resolve) => (this.endStanding = resolve));

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Shows the message; `onAction` runs when the user picks one of `actions`. Never waits for the user. */
  show(notification: Notification, onAction?: (action: string) => unknown): void {
    if (onAction) this.handlers.set(notification, onAction);
    void this.ask(notification).then(
      async (picked) => {
        if (picked && onAction) await onAction(picked);
      },
      () => undefined,
    );
  }

  /** Shows the message and resolves to the action the user picked (undefined when dismissed). */
  ask(notification: Notification, detail?: string): Promise<string | undefined> {
    if (detail !== undefined) notification = { ...notification, detail };
    const { level, message, actions } = notification;
    this.log[level === 'info' ? 'info' : level === 'warning' ? 'warn' : 'error'](
      notification.detail ? `${message} ${notification.detail}` : message,
    );
    this.emitter.fire(notification);
    if (notification.modal && this.responder) return Promise.resolve(this.responder(notification));
    const show =
      level === 'info'
        ? vscode.window.showInformationMessage
        : level === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showErrorMessage;
    const options: vscode.MessageOptions = notification.modal
      ? { modal: true, ...(notification.detail ? { detail: notification.detail } : {}) }
      : {};
    const picked = new Promise<string>((resolve) => this.pending.set(notification, resolve));
    return Promise.race([Promise.resolve(show(message, options, ...actions)), picked]).finally(() =>
      this.pending.delete(notification),
    );
  }

  /**
   * An information message that goes away by itself once `gone` settles (a hint that is done with,
   * such as "create a flow" once one exists). VS Code cannot take back a plain message, so it is a
   * notification with progress, which closes when its task ends; its actions are command links in
   * the message (`[Create a Flow](command:…)`), not buttons.
   */
  showUntil(message: string, gone: Promise<unknown>): Notification {
    const notification: Notification = { level: 'info', message, actions: [] };
    this.log.info(message);
    this.standing.add(notification);
    this.emitter.fire(notification);
    const ended = Promise.race([gone, this.disposed]).then(
      () => undefined,
      () => undefined,
    );
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: message }, (progress) => {
      // A full bar: nothing is running, the message waits for the user.
      progress.report({ increment: 100 });
      return ended;
    });
    void ended.then(() => this.standing.delete(notification));
    return notification;
  }

  /** Test API: whether a message shown until something happens is still up. */
  isStanding(notification: Notification): boolean {
    return this.standing.has(notification);
  }

  /** A modal warning with one action; true when the user chose it. */
  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    return (await this.choose(message, detail, [action])) === action;
  }

  /** A modal warning with several actions (Cancel is always offered by VS Code); the one chosen. */
  choose(message: string, detail: string, actions: string[]): Promise<string | undefined> {
    return this.ask({ level: 'warning', message, actions, modal: true, detail });
  }

  /** Test API: runs one of a shown notification's actions, as clicking its button would. */
  async pick(notification: Notification, action: string): Promise<void> {
    if (!notification.actions.includes(action)) throw new Error(`"${notification.message}" offers no ${action}`);
    const handler = this.handlers.get(notification);
    if (handler) await handler(action);
    else this.pending.get(notification)?.(action);
  }

  /** Test API: modal questions are answered by `responder` until it is cleared (undefined). */
  answerModalsWith(responder: ModalResponder | undefined): void {
    this.responder = responder;
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
    this.endStanding();
    this.standing.clear();
    this.emitter.dispose();
  }
}
