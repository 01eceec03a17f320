/**
 * The status item's two click targets (pure: no JupyterLab import). "alice@example.com ·
 * ee-alice" is split where the account ends: the account opens the profiles menu, the rest
 * (the project, or what is wrong with it) opens the project selector. Texts without an account
 * ("Google: signed out") stay one target.
 */
export const STATUS_SEPARATOR = ' · ';

export interface IStatusParts {
  account: string;
  /** The project, or the state that stands in its place ("no project", "sign in again"). */
  project: string;
}

export function statusParts(
  text: string,
  account: string | null
): IStatusParts | null {
  if (!account) {
    return null;
  }
  const head = account + STATUS_SEPARATOR;
  if (!text.startsWith(head) || text.length === head.length) {
    return null;
  }
  return { account, project: text.slice(head.length) };
}
