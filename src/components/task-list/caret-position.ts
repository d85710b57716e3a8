/** Computed styles that decide where text wraps and how tall a line is inside a textarea. */
const MIRRORED = [
  'boxSizing',
  'width',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'fontFamily',
  'fontSize',
  'fontStyle',
  'fontVariant',
  'fontWeight',
  'fontStretch',
  'letterSpacing',
  'lineHeight',
  'textTransform',
  'textIndent',
  'tabSize',
  'wordSpacing',
] as const;

/**
 * Where the caret of a textarea is, relative to the textarea's border box: the top of its line,
 * its left edge and the line's height. A hidden copy of the text up to the caret, laid out with the
 * textarea's own styles, is measured (textareas expose no caret geometry themselves).
 */
export function caretPosition(area: HTMLTextAreaElement): { top: number; left: number; height: number } {
  const style = getComputedStyle(area);
  const mirror = document.createElement('div');
  for (const property of MIRRORED) mirror.style[property] = style[property];
  Object.assign(mirror.style, {
    position: 'absolute',
    visibility: 'hidden',
    top: '0',
    left: '0',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'break-word',
    borderStyle: 'solid',
    overflow: 'hidden',
  });
  mirror.textContent = area.value.slice(0, area.selectionStart);
  const marker = document.createElement('span');
  // Something to measure even at the end of a line; the rest of the text keeps wrapping the same.
  marker.textContent = area.value.slice(area.selectionStart) || '.';
  mirror.append(marker);
  (area.parentNode ?? document.body).appendChild(mirror);
  const height = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
  // Offsets count from inside the mirror's border; the caller places things from the border box.
  const position = {
    top: marker.offsetTop + parseFloat(style.borderTopWidth) - area.scrollTop,
    left: marker.offsetLeft + parseFloat(style.borderLeftWidth) - area.scrollLeft,
    height,
  };
  mirror.remove();
  return position;
}
