/**
 * The Test Call page, inside a VS Code webview. The host runs the call and posts the whole view after
 * every change; the page shows it (the transcript grows, the listening step counts down, the answers
 * are buttons), speaks new prompts when the sound is on, and posts back what the user pressed. Every
 * piece of flow text reaches the DOM through textContent, never markup.
 */
import type {
  QuestionView,
  TestCallPageMessage,
  TestCallPanelMessage,
  TestCallView,
  TranscriptLine,
} from '../../extension/testCall/protocol';

interface VsCodeApi {
  postMessage(message: TestCallPageMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const DIAL_KEY = /^[0-9*#]$/;
/** How often the countdown is redrawn. */
const TICK_MS = 100;

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

const title = byId('title');
const when = byId('when');
const fromInput = byId<HTMLInputElement>('from');
const atInput = byId<HTMLInputElement>('at');
const zoneText = byId('zone');
const soundToggle = byId<HTMLInputElement>('sound');
const problem = byId('problem');
const transcript = byId<HTMLOListElement>('transcript');
const listening = byId('listening');
const listeningText = byId('listening-text');
const typed = byId('typed');
const countdown = byId('countdown');
const choice = byId('choice');
const choiceText = byId('choice-text');
const choices = byId('choices');
const live = byId('live');
const liveRequest = byId('live-request');
const busy = byId('busy');
const ending = byId('ending');
const outcome = byId('outcome');
const saved = byId('saved');
const hangUp = byId<HTMLButtonElement>('hang-up');
const replay = byId('replay');

const speech: SpeechSynthesis | undefined = 'speechSynthesis' in window ? window.speechSynthesis : undefined;

let view: TestCallView | undefined;
/** The call and the number of its transcript lines on screen. */
let shownCall = -1;
let shownLines = 0;
/** The listening the countdown runs for, and when it ends (ms since the epoch). */
let countingFor: string | undefined;
let deadline = 0;
let timedOut = false;
/** The user changed the time field since the view came: Call Again uses the field, not "now". */
let atEdited = false;

// ---- showing the view ----

function show(next: TestCallView): void {
  view = next;
  if (next.callNumber !== shownCall) {
    shownCall = next.callNumber;
    shownLines = 0;
    transcript.replaceChildren();
    speech?.cancel();
    fromInput.value = next.from;
    atInput.value = next.atLocal;
    atEdited = false;
  }
  title.textContent = next.title;
  when.textContent = `${next.from ? `From ${next.from}` : 'Caller id withheld'}, ${next.atText}${next.atNow ? ' (now)' : ''}`;
  zoneText.textContent = next.zone;
  document.body.dataset.mode = next.mode;
  showProblem(next.problem);
  for (const line of next.transcript.slice(shownLines)) {
    transcript.append(lineElement(line));
    if (line.kind === 'say') speak(line.text);
  }
  shownLines = next.transcript.length;
  transcript.lastElementChild?.scrollIntoView({ block: 'nearest' });
  showQuestion(next.question, next.busy);
  showEnding(next);
  showReplay(next);
  hangUp.hidden = next.mode === 'replay' || next.outcome !== undefined;
  document.body.dataset.state = next.outcome ? 'ended' : (next.question?.kind ?? 'running');
}

function showProblem(text: string | undefined): void {
  problem.hidden = text === undefined;
  problem.textContent = text ?? '';
}

function lineElement(line: TranscriptLine): HTMLLIElement {
  const item = document.createElement('li');
  item.className = `line line-${line.kind}`;
  switch (line.kind) {
    case 'say':
    case 'play': {
      item.append(stepLink(line.flow, line.step));
      const words = document.createElement('span');
      words.className = 'words';
      words.textContent = line.kind === 'say' ? `“${line.text}”` : `(plays ${line.text})`;
      item.append(' ', words);
      break;
    }
    case 'step':
      item.append(stepLink(line.flow, line.step), ` ${line.text}`);
      break;
    case 'pressed':
      item.textContent = line.keys === '' ? `No key at ${line.step}: it timed out` : `Pressed ${line.keys}`;
      break;
    case 'answered':
    case 'warning':
      item.textContent = line.kind === 'warning' ? `Warning: ${line.text}` : line.text;
      break;
  }
  return item;
}

/** The step's name, a link to its place in the YAML. */
function stepLink(flow: string, step: string): HTMLButtonElement {
  const link = document.createElement('button');
  link.type = 'button';
  link.className = 'step-link';
  link.textContent = step;
  link.title = `Show ${step} in the YAML`;
  link.addEventListener('click', () => vscode.postMessage({ type: 'reveal', flow, step }));
  return link;
}

function showQuestion(question: QuestionView | undefined, busyText: string | undefined): void {
  busy.hidden = busyText === undefined;
  busy.textContent = busyText ?? '';
  listening.hidden = question?.kind !== 'keys' || busyText !== undefined;
  choice.hidden = question?.kind !== 'choice' || busyText !== undefined;
  if (question?.kind === 'keys') {
    const what =
      question.mode === 'menu'
        ? 'press a key'
        : `type the digits, then ${question.finishOnKey ?? '#'}${question.maxDigits ? ` (at most ${question.maxDigits})` : ''}`;
    listeningText.textContent = `${question.step} listens: ${what}. Attempt ${question.attempt} of ${question.attempts}.`;
    typed.textContent = question.typed === '' ? '(none yet)' : question.typed;
    const listeningId = `${view?.callNumber}:${shownLines}:${question.step}:${question.attempt}:${question.typed}`;
    if (listeningId !== countingFor) {
      // Each key restarts the wait, as a carrier waits `timeout` seconds for the next key.
      countingFor = listeningId;
      deadline = Date.now() + question.timeout * 1000;
      timedOut = false;
    }
  } else {
    countingFor = undefined;
  }
  if (question?.kind === 'choice') {
    choiceText.textContent = question.text;
    const buttons = question.choices.map((c) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'choice-button';
      button.dataset.key = c.key;
      button.textContent = c.label;
      button.title = `Key ${c.key}`;
      button.addEventListener('click', () => vscode.postMessage({ type: 'choose', key: c.key }));
      return button;
    });
    choices.replaceChildren(...buttons);
    live.hidden = question.liveRequest === undefined;
    liveRequest.textContent = question.liveRequest ?? '';
  }
  tick();
}

function showEnding(next: TestCallView): void {
  ending.hidden = next.outcome === undefined;
  outcome.textContent = next.outcome ? `Outcome: ${next.outcome.text}` : '';
  if (next.outcome) document.body.dataset.outcome = next.outcome.kind;
  else delete document.body.dataset.outcome;
  byId('save').hidden = next.mode === 'replay';
  byId('call-again').hidden = next.mode === 'replay';
  saved.hidden = next.saved === undefined;
  saved.textContent = next.saved ? `Saved as call scenario "${next.saved.name}" in ${next.saved.file}.` : '';
}

function showReplay(next: TestCallView): void {
  const r = next.replay;
  replay.hidden = r === undefined;
  byId('settings').hidden = r !== undefined;
  if (!r) return;
  byId('replay-call').textContent = r.call;
  byId('replay-logged').textContent = `It ran ${r.logged.version}: ${r.logged.outcome}.`;
  byId('replay-today').textContent = r.today
    ? r.today.same
      ? `Today's ${r.today.version} routes it the same way: ${r.today.outcome}.`
      : `Today's ${r.today.version} routes it differently: ${r.today.outcome}.`
    : (r.todayProblem ?? '');
  byId('replay').dataset.same = r.today ? String(r.today.same) : 'unknown';
  byId('replay-differences').replaceChildren(
    ...(r.today?.differences ?? []).map((text) => {
      const item = document.createElement('li');
      item.textContent = text;
      return item;
    }),
  );
}

// ---- the countdown ----

function tick(): void {
  if (!countingFor || view?.question?.kind !== 'keys') {
    countdown.textContent = '';
    return;
  }
  // The wait starts once the prompt has been heard.
  if (soundToggle.checked && speech?.speaking) deadline = Math.max(deadline, Date.now() + view.question.timeout * 1000);
  const left = Math.max(0, deadline - Date.now());
  countdown.textContent = `Times out in ${Math.ceil(left / 1000)} s`;
  countdown.dataset.left = String(Math.ceil(left / 1000));
  if (left === 0 && !timedOut) {
    timedOut = true;
    vscode.postMessage({ type: 'timeout' });
  }
}
setInterval(tick, TICK_MS);

// ---- sound ----

function speak(text: string): void {
  if (!speech || !soundToggle.checked) return;
  speech.speak(new SpeechSynthesisUtterance(text));
}

function setUpSound(): void {
  const state = (vscode.getState() as { sound?: boolean } | undefined) ?? {};
  if (!speech) {
    soundToggle.disabled = true;
    soundToggle.parentElement!.title = 'This browser has no speech synthesis: the prompts are only shown.';
    return;
  }
  soundToggle.checked = state.sound === true;
  soundToggle.addEventListener('change', () => {
    vscode.setState({ ...state, sound: soundToggle.checked });
    if (!soundToggle.checked) speech.cancel();
  });
}

// ---- what the user does ----

function press(key: string): void {
  if (view?.question?.kind !== 'keys' || view.busy !== undefined) return;
  vscode.postMessage({ type: 'key', key });
}

function callAgain(): void {
  const at = atEdited || !view?.atNow ? atInput.value : 'now';
  vscode.postMessage({ type: 'callAgain', from: fromInput.value.trim(), at });
}

for (const button of document.querySelectorAll<HTMLButtonElement>('.dial-key'))
  button.addEventListener('click', () => press(button.dataset.key ?? ''));
byId('time-out').addEventListener('click', () => {
  if (view?.question?.kind === 'keys' && !timedOut) {
    timedOut = true;
    vscode.postMessage({ type: 'timeout' });
  }
});
byId('send-live').addEventListener('click', () => vscode.postMessage({ type: 'sendLiveRequest' }));
byId('call-again').addEventListener('click', callAgain);
byId('save').addEventListener('click', () => vscode.postMessage({ type: 'saveScenario' }));
hangUp.addEventListener('click', () => vscode.postMessage({ type: 'hangUp' }));
byId('now').addEventListener('click', () => {
  atEdited = false;
  vscode.postMessage({ type: 'callAgain', from: fromInput.value.trim(), at: 'now' });
});
atInput.addEventListener('input', () => {
  atEdited = true;
});
byId('settings').addEventListener('submit', (event) => {
  event.preventDefault();
  callAgain();
});

document.addEventListener('keydown', (event) => {
  // Keys typed into the caller id or the time are text, not the caller's keys (the sound checkbox passes them on).
  const target = event.target as HTMLInputElement | null;
  const typing = target?.tagName === 'INPUT' && target.type !== 'checkbox';
  if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
  const question = view?.question;
  if (question?.kind === 'keys' && DIAL_KEY.test(event.key)) {
    event.preventDefault();
    press(event.key);
  } else if (question?.kind === 'choice' && question.choices.some((c) => c.key === event.key)) {
    event.preventDefault();
    vscode.postMessage({ type: 'choose', key: event.key });
  }
});

window.addEventListener('message', (event: MessageEvent<TestCallPanelMessage>) => {
  const message = event.data;
  if (message?.type === 'view') show(message.view);
});

setUpSound();
vscode.postMessage({ type: 'ready' });
