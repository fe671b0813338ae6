/**
 * The flow graph page, inside a VS Code webview. Draws the FlowGraph the extension posts
 * (layout runs here), keeps the viewport and the steps' places across updates, and reports
 * clicks and canvas gestures back. Every piece of flow text reaches the DOM through
 * textContent or setAttribute, never markup.
 */
import { setUpCanvasInput } from './canvasInput';
import { setUpChangesLegend } from './changes';
import { setUpEditing } from './editing';
import { setUpHostMessages } from './hostMessages';
import { vscode } from './state';

// The order is the order of the handlers of the same event (a key on a step, a click on the canvas):
// the canvas's own before the editing gestures'.
setUpCanvasInput();
setUpHostMessages();
setUpEditing();
setUpChangesLegend();
vscode.postMessage({ type: 'ready' });
