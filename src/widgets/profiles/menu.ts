import type { CommandRegistry } from '@lumino/commands';
import { MenuSvg } from '@jupyterlab/ui-components';
import type { Menu } from '@lumino/widgets';

import type { ProfileView } from '../../api';
import { canImpersonate, impersonationSource, menuOrder } from '../../core';

/** The commands the menu is made of (registered by the profiles plugin and others). */
export interface IProfilesMenuCommands {
  switchProfile: string;
  addAccount: string;
  impersonate: string;
  manage: string;
  selectProject: string;
  showStatus: string;
}

/**
 * The profiles menu of the status bar item: every profile (the active one first and checked;
 * choosing another switches, so switching is two actions), then "Add account", "Act as a
 * service account…" (when the policy allows it and a user profile can act), "Manage
 * accounts…", the project selector and the credential status.
 */
export function profilesMenu(
  commands: CommandRegistry,
  ids: IProfilesMenuCommands,
  profiles: ProfileView[],
  allowImpersonation?: boolean
): Menu {
  // JupyterLab's menu (not Lumino's bare one) draws the check mark of the active profile.
  const menu = new MenuSvg({ commands });
  menu.addClass('jp-GoogleAuth-profilesMenu');
  for (const profile of menuOrder(profiles)) {
    menu.addItem({
      command: ids.switchProfile,
      args: { name: profile.name }
    });
  }
  menu.addItem({ type: 'separator' });
  const add = (command: string, args = {}) => {
    if (commands.hasCommand(command)) {
      menu.addItem({ command, args });
    }
  };
  add(ids.addAccount);
  if (canImpersonate(profiles, allowImpersonation)) {
    add(ids.impersonate, { source: impersonationSource(profiles) });
  }
  if (profiles.length > 0) {
    add(ids.manage);
  }
  menu.addItem({ type: 'separator' });
  add(ids.selectProject);
  add(ids.showStatus);
  return menu;
}

/** The element the menu opens from: the status bar's account part, else any status item. */
export function menuAnchor(): Element | null {
  for (const selector of [
    '#jp-main-statusbar .jp-GoogleAuth-statusAccount',
    '#jp-main-statusbar .jp-GoogleAuth-statusItem',
    '.jp-GoogleAuth-statusAccount',
    '.jp-GoogleAuth-statusItem'
  ]) {
    const found = Array.from(document.querySelectorAll(selector)).find(
      e => e.getBoundingClientRect().width > 0
    );
    if (found) {
      return found;
    }
  }
  return null;
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
