import type { NotebookPanel } from '@jupyterlab/notebook';
import type { Widget } from '@lumino/widgets';
import { PanelLayout } from '@lumino/widgets';

/**
 * Shows `widget` below the active cell of `panel`, or at the top of the notebook when no cell
 * is active. The widget goes into the cell's own layout (after its output), never into the
 * notebook model: nothing of it is saved, and it moves with the cell when a windowed notebook
 * detaches cells that scroll out of view.
 */
export function attachBelowActiveCell(
  panel: NotebookPanel,
  widget: Widget
): void {
  const cell = panel.content.activeCell;
  const layout = cell?.layout;
  if (cell && layout instanceof PanelLayout) {
    layout.addWidget(widget);
    widget.node.scrollIntoView?.({ block: 'nearest' });
    return;
  }
  panel.contentHeader.addWidget(widget);
}
