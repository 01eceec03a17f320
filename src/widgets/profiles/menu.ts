import type { CommandRegistry } from '@lumino/commands';
import { Menu } from '@lumino/widgets';

import type { ProfileView } from '../../api';
import { menuOrder } from '../../core';

/** The commands the menu is made of (registered by the profiles plugin and others). */
export interface IProfilesMenuCommands {
  switchProfile: string;
  addAccount: string;
  selectProject: string;
  showStatus: string;
}

/**
 * The profiles menu of the status bar item: every profile (the active one first and checked;
 * choosing another switches, so switching is two actions), then "Add account", the project
 * selector and the credential status.
 */
export function profilesMenu(
  commands: CommandRegistry,
  ids: IProfilesMenuCommands,
  profiles: ProfileView[]
): Menu {
  const menu = new Menu({ commands });
  menu.addClass('jp-GoogleAuth-profilesMenu');
  for (const profile of menuOrder(profiles)) {
    menu.addItem({
      command: ids.switchProfile,
      args: { name: profile.name }
    });
  }
  menu.addItem({ type: 'separator' });
  for (const id of [ids.addAccount, ids.selectProject, ids.showStatus]) {
    if (commands.hasCommand(id)) {
      menu.addItem({ command: id });
    }
  }
  return menu;
}

/** Opens ``menu`` just above (or below) ``anchor``, the status item that was clicked. */
export function openAt(menu: Menu, anchor: Element | null): void {
  const rect = anchor?.getBoundingClientRect();
  if (!rect || rect.width === 0) {
    // No visible item (a narrow window hides the status bar): the middle of the window.
    menu.open(window.innerWidth / 2, window.innerHeight / 2);
    return;
  }
  // Lumino keeps the menu on screen: from the status bar it opens upwards.
  menu.open(rect.left, rect.top);
  menu.activeIndex = 0;
}
