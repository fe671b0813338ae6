/** The flow graph page's HTML: a strict CSP with a nonce, the bundled script and stylesheet, nothing remote. */
import { pageFoot, pageHead, type PageResources } from '../webviewPage';

export function graphPageHtml(resources: PageResources): string {
  return `${pageHead('Flow graph', resources, { images: true })}<div class="toolbar" role="toolbar" aria-label="Flow graph view">
  <button type="button" id="zoom-in" title="Zoom in (+)" aria-label="Zoom in">+</button>
  <button type="button" id="zoom-out" title="Zoom out (-)" aria-label="Zoom out">&#x2212;</button>
  <button type="button" id="fit" title="Fit to view (0)" aria-label="Fit to view">Fit</button>
  <button type="button" id="tidy" title="Lay the flow out afresh, forgetting where steps were dragged" aria-label="Tidy up the layout" hidden>Tidy up</button>
  <button type="button" id="maximize" title="Let the graph take the whole editor area (again to give it back)" aria-label="Maximize the graph">&#x2922;</button>
  <button type="button" id="test-call" title="Call this version and press keys as the caller (Test Call)" aria-label="Test call">&#x260E;</button>
  <span id="title" class="title"></span>
  <span id="status" class="status" role="status"></span>
</div>
<div id="locked" class="locked" role="status" hidden><span id="locked-text"></span> <button type="button" id="edit-draft">Edit (new draft)</button></div>
<div id="changes" class="changes-legend" role="status" aria-label="Changes marked on the graph" hidden>
  <span id="changes-text"></span>
  <span class="legend-key legend-added" id="legend-added">added</span>
  <span class="legend-key legend-changed" id="legend-changed">changed</span>
  <span class="legend-key legend-rewired" id="legend-rewired">rewired</span>
  <span class="legend-key legend-removed" id="legend-removed">removed</span>
  <button type="button" id="hide-changes" title="Show this version's graph without the changes">Hide changes</button>
</div>
<div id="palette" class="palette" role="toolbar" aria-label="Add a step: drag a type onto the canvas or onto a line, or press Enter" hidden></div>
<ul id="file-problems" class="file-problems" hidden></ul>
<div class="workspace">
<svg id="canvas" class="canvas" role="group" aria-label="Call flow diagram" tabindex="-1">
  <defs id="defs"></defs>
  <g id="viewport"><g id="edges"></g><g id="nodes"></g><g id="overlay"></g></g>
</svg>
<div id="type-menu" class="type-menu" role="menu" aria-label="Add a step of which type?" hidden></div>
<aside id="properties" class="properties" aria-label="Step properties" tabindex="-1" hidden></aside>
</div>
<p id="empty" class="empty" hidden>No steps to draw yet.</p>
<div id="announce" class="sr-only" aria-live="polite"></div>
${pageFoot(resources)}`;
}
