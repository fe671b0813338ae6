/** An edit of a text by character offsets (end exclusive), as the editors and the canvas apply them. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}
