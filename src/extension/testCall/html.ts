/**
 * The Test Call page's HTML: a strict CSP with a nonce, the bundled script and stylesheet, nothing
 * remote, and nothing of the flow: every prompt, step name and outcome reaches the page as data in
 * a message and is shown through textContent (src/webview/testCall/main.ts).
 */
import { attr, pageFoot, pageHead, type PageResources } from '../webviewPage';
import { DIAL_KEYS } from './protocol';

export function testCallPageHtml(resources: PageResources): string {
  const dialPad = DIAL_KEYS.map(
    (key) =>
      `<button type="button" class="dial-key" data-key="${attr(key)}" aria-label="Press ${attr(key)}">${attr(key)}</button>`,
  ).join('\n    ');
  return `${pageHead('Test Call', resources)}<header class="call-header">
  <h1 id="title" class="title"></h1>
  <p id="when" class="when"></p>
  <form id="settings" class="settings" aria-label="The call's caller id and time">
    <label>Caller id <input id="from" type="text" placeholder="withheld" spellcheck="false" autocomplete="off"></label>
    <label>Time (<span id="zone"></span>) <input id="at" type="datetime-local"></label>
    <button type="button" id="now" title="Call at the current time">Now</button>
  </form>
  <label class="sound"><input type="checkbox" id="sound"> Sound</label>
</header>
<p id="problem" class="problem" role="alert" hidden></p>
<section id="replay" class="replay" aria-label="The logged call, replayed" hidden>
  <p id="replay-call"></p>
  <p id="replay-logged"></p>
  <p id="replay-today"></p>
  <ul id="replay-differences"></ul>
</section>
<div class="call">
  <ol id="transcript" class="transcript" aria-label="Transcript" aria-live="polite"></ol>
  <aside class="controls">
    <section id="listening" class="listening" aria-label="The call listens for keys" hidden>
      <p id="listening-text"></p>
      <p class="typed">Keys: <span id="typed"></span></p>
      <p class="countdown"><span id="countdown"></span> <button type="button" id="time-out">Let it time out</button></p>
      <div id="dial-pad" class="dial-pad" role="group" aria-label="Dial pad">
    ${dialPad}
      </div>
    </section>
    <section id="choice" class="choice" aria-label="The call needs an answer" hidden>
      <p id="choice-text"></p>
      <div id="choices" class="choices"></div>
      <p id="live" hidden><button type="button" id="send-live">Send the request for real</button> <span id="live-request" class="muted"></span></p>
    </section>
    <p id="busy" class="muted" role="status" hidden></p>
    <section id="ending" class="ending" aria-label="The call ended" hidden>
      <p id="outcome" class="outcome"></p>
      <p>
        <button type="button" id="call-again">Call Again</button>
        <button type="button" id="save">Save as Call Scenario</button>
      </p>
      <p id="saved" class="muted" role="status" hidden></p>
    </section>
    <p><button type="button" id="hang-up" class="secondary">Hang up</button></p>
  </aside>
</div>
${pageFoot(resources)}`;
}
