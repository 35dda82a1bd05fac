import type { Role } from '../../../shared/domain';

/**
 * The workstation's screens: the three-pane inbox, tickets, the supervisors' live monitor, what
 * customers ask about (topics), reports (报表), the admin screen.
 */
export const views = ['inbox', 'tickets', 'monitor', 'topics', 'reports', 'admin'] as const;
export type View = (typeof views)[number];

export function isView(value: unknown): value is View {
  return typeof value === 'string' && (views as readonly string[]).includes(value);
}

/**
 * The screens a role may open, in the order the header lists them. Agents have the inbox, tickets
 * and reports (their own figures); department staff only tickets (no inbox, no reports, no admin);
 * supervisors an admin screen of their own sections (AdminView).
 */
export function viewsFor(role: Role | null | undefined): readonly View[] {
  switch (role) {
    case 'admin':
      return views;
    case 'supervisor':
      // Their admin screen holds what they may see or change there: the audit log, team quick replies, chat tags.
      return ['inbox', 'tickets', 'monitor', 'topics', 'reports', 'admin'];
    case 'staff':
      return ['tickets'];
    case 'agent':
      return ['inbox', 'tickets', 'reports'];
    default:
      return ['inbox'];
  }
}

/** The screen to show: the chosen one if the role may open it, else the role's first. */
export function visibleView(chosen: View, role: Role | null | undefined): View {
  const available = viewsFor(role);
  return available.includes(chosen) ? chosen : (available[0] ?? 'inbox');
}

/** The screen an arrow, Home or End key moves to in the header's list; null for any other key. */
export function nextView(key: string, current: View, available: readonly View[]): View | null {
  if (available.length === 0) return null;
  const index = Math.max(0, available.indexOf(current));
  let next: number;
  if (key === 'ArrowRight') next = (index + 1) % available.length;
  else if (key === 'ArrowLeft') next = (index - 1 + available.length) % available.length;
  else if (key === 'Home') next = 0;
  else if (key === 'End') next = available.length - 1;
  else return null;
  return available[next] ?? null;
}
