/** SVG elements from the core's scene description, and redraws that rebuild only what changed. */
import type { SvgElement } from '../../core/graph/scene';

export const SVG_NS = 'http://www.w3.org/2000/svg';

export function build(element: SvgElement): SVGElement {
  const node = document.createElementNS(SVG_NS, element.tag);
  for (const [name, value] of Object.entries(element.attrs ?? {})) node.setAttribute(name, String(value));
  if (element.text !== undefined) node.textContent = element.text;
  for (const child of element.children ?? []) node.appendChild(build(child));
  return node;
}

/**
 * The elements drawn last, by what they were built from: a step or a line that a gesture did not
 * change is kept as it is rather than built again, so a redraw touches only what changed.
 */
export class DrawnElements {
  private previous = new Map<string, SVGElement>();
  private next = new Map<string, SVGElement>();

  /** The element drawn from `element` (and `extra`, what `decorate` adds) last time, else a new one. */
  take(element: SvgElement, extra: string, decorate: (built: SVGElement) => void): SVGElement {
    const key = JSON.stringify(element) + extra;
    let drawn = this.previous.get(key);
    if (drawn) {
      this.previous.delete(key);
      // Dragging, selection and drop targets change attributes in place: put the built ones back.
      for (const [name, value] of Object.entries(element.attrs ?? {}))
        if (drawn.getAttribute(name) !== String(value)) drawn.setAttribute(name, String(value));
    } else {
      drawn = build(element);
      decorate(drawn);
    }
    this.next.set(key, drawn);
    return drawn;
  }

  /** Ends a drawing: what it did not take is gone. */
  forgetUnused(): void {
    this.previous = this.next;
    this.next = new Map();
  }
}

/** Makes `parent`'s children exactly `children`, in order, moving only what has to move. */
export function patchChildren(parent: Element, children: readonly Element[]): void {
  const wanted = new Set(children);
  for (const child of [...parent.children]) if (!wanted.has(child)) child.remove();
  let cursor = parent.firstElementChild;
  for (const child of children) {
    if (child === cursor) cursor = cursor.nextElementSibling;
    else parent.insertBefore(child, cursor);
  }
}
