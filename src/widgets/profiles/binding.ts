import type { Menu } from '@lumino/widgets';

import type { IProfileSummary, INotebookBinding } from '../../core';
import { menuOrder, sameProfile } from '../../core';

/**
 * The profiles a notebook can be bound to from the menu: every profile holding credentials
 * other than the active one and the notebook's own; and null, "Use the active account",
 * when the notebook is bound (binding to the active profile would only pin it there).
 */
export function bindingChoices(
  profiles: readonly IProfileSummary[],
  binding: INotebookBinding | null
): (string | null)[] {
  const choices: (string | null)[] = menuOrder([...profiles])
    .filter(p => !p.active && !p.signed_out && p.kind !== 'ambient')
    .filter(p => !sameProfile(p.name, binding?.profile ?? null))
    .map(p => p.name);
  return binding ? [...choices, null] : choices;
}

/**
 * Adds "Use in this notebook" to the profiles menu as its own section right after the
 * profiles (before the menu's first separator): one item per choice of `bindingChoices`, so
 * binding is two actions (open the menu, choose), no submenu.
 */
export function addBindingItems(
  menu: Menu,
  command: string,
  choices: (string | null)[]
): void {
  if (choices.length === 0) {
    return;
  }
  const separator = menu.items.findIndex(item => item.type === 'separator');
  let at = separator < 0 ? menu.items.length : separator;
  menu.insertItem(at++, { type: 'separator' });
  for (const name of choices) {
    menu.insertItem(at++, { command, args: { name } });
  }
}
