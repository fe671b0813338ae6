/** Positions in the language features are character offsets into the file's text (end exclusive). */
export interface TextSpan {
  start: number;
  end: number;
}
