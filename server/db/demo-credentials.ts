import type { Role } from '../../shared/domain';

/** The demo sign-ins, printed by the CLI and used by tests and the README. */
export const DEMO_ACCOUNT_NAME = 'Demo Shop';

export type DemoUser = { email: string; password: string; name: string; role: Role };

/** The demo shop's team (admin first: its email tells whether the shop is there). */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@demo.test', password: 'demo-admin', name: 'Admin', role: 'admin' },
  { email: 'supervisor@demo.test', password: 'demo-supervisor', name: 'Lin Chen 陈琳', role: 'supervisor' },
  { email: 'wang.fang@demo.test', password: 'demo-agent', name: '王芳', role: 'agent' },
  { email: 'li.lei@demo.test', password: 'demo-agent', name: '李雷', role: 'agent' },
  { email: 'emma@demo.test', password: 'demo-agent', name: 'Emma Clark', role: 'agent' },
];

/**
 * The after-sales department's lead: department staff, who sign in to the Tickets screen only.
 * Seeded with the demo tickets (seed-demo-tickets.ts), so their email tells whether those are there.
 */
export const DEMO_STAFF: DemoUser = { email: 'zhou.min@demo.test', password: 'demo-staff', name: '周敏', role: 'staff' };

/** Every demo sign-in: the shop's team and the department staff. */
export const DEMO_SIGN_INS: readonly DemoUser[] = [...DEMO_USERS, DEMO_STAFF];

/** Looks a demo user up by email; throws when the list changed under a caller. */
export function demoUser(email: string): DemoUser {
  const user = DEMO_SIGN_INS.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  return user;
}

/** The demo sign-ins as printable lines. */
export function formatDemoCredentials(): string {
  const width = Math.max(...DEMO_SIGN_INS.map((u) => u.email.length));
  return DEMO_SIGN_INS.map((u) => `  ${u.email.padEnd(width)}  ${u.password.padEnd(15)}  ${u.role.padEnd(10)}  ${u.name}`).join('\n');
}
