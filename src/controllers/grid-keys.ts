/**
 * The ARIA grid's keyboard model (as in the WAI-ARIA data grid pattern): where a key moves the
 * active cell, or undefined when the key is not a move. Clamping to the grid is the caller's.
 */
export function gridMove(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey'>,
  at: { row: number; col: number },
  size: { rows: number; cols: number; pageRows: number },
): { row: number; col: number } | undefined {
  const { row, col } = at;
  const toEnd = event.ctrlKey || event.metaKey;
  switch (event.key) {
    case 'ArrowDown':
      return { row: row + 1, col };
    case 'ArrowUp':
      return { row: row - 1, col };
    case 'ArrowRight':
      return { row, col: col + 1 };
    case 'ArrowLeft':
      return { row, col: col - 1 };
    case 'PageDown':
      return { row: row + size.pageRows, col };
    case 'PageUp':
      return { row: row - size.pageRows, col };
    case 'Home':
      return toEnd ? { row: 0, col: 0 } : { row, col: 0 };
    case 'End':
      return toEnd ? { row: size.rows - 1, col: size.cols - 1 } : { row, col: size.cols - 1 };
    default:
      return undefined;
  }
}
