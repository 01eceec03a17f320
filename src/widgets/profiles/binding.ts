import type { Menu } from '@lumino/widgets';

import type { IProfileSummary, INotebookBinding } from '../../core';
import { menuOrder, sameProfile } from '../../core';

/**
 * The profiles a notebook can be bound to from the menu: every profile holding credentials
 * other than the one the notebook uses now (its binding, else the active one); and null,
 * "Use the active account", when the notebook is bound.
 */
export function bindingChoices(
  profiles: readonly IProfileSummary[],
  binding: INotebookBinding | null
): (string | null)[] {
  const uses = binding?.profile ?? profiles.find(p => p.active)?.name ?? null;
  const choices: (string | null)[] = menuOrder([...profiles])
    .filter(p => !p.signed_out && p.kind !== 'ambient')
    .filter(p => !sameProfile(p.name, uses))
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
