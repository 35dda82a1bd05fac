import { describe, expect, it } from 'vitest';
import { isView, nextView, viewsFor, visibleView } from './view-logic';

describe('workstation screens by role', () => {
  it('gives agents the inbox, tickets and reports, supervisors the live monitor, topics and their admin screen too, admins the whole admin screen, staff only tickets', () => {
    expect(viewsFor('agent')).toEqual(['inbox', 'tickets', 'reports']);
    expect(viewsFor('supervisor')).toEqual(['inbox', 'tickets', 'monitor', 'topics', 'reports', 'admin']);
    expect(viewsFor('admin')).toEqual(['inbox', 'tickets', 'monitor', 'topics', 'reports', 'admin']);
    expect(viewsFor('staff')).toEqual(['tickets']);
    expect(viewsFor(null)).toEqual(['inbox']);
  });

  it('shows the inbox when the chosen screen is not allowed for the role', () => {
    expect(visibleView('monitor', 'agent')).toBe('inbox');
    expect(visibleView('admin', 'agent')).toBe('inbox');
    expect(visibleView('admin', undefined)).toBe('inbox');
    expect(visibleView('monitor', 'supervisor')).toBe('monitor');
    expect(visibleView('admin', 'admin')).toBe('admin');
  });

  it('shows department staff the tickets whatever screen was chosen before', () => {
    expect(visibleView('inbox', 'staff')).toBe('tickets');
    expect(visibleView('admin', 'staff')).toBe('tickets');
    expect(visibleView('reports', 'staff')).toBe('tickets');
  });

  it('moves between the screens with arrows, Home and End, wrapping around', () => {
    const all = viewsFor('admin');
    expect(nextView('ArrowRight', 'inbox', all)).toBe('tickets');
    expect(nextView('ArrowRight', 'admin', all)).toBe('inbox');
    expect(nextView('ArrowLeft', 'inbox', all)).toBe('admin');
    expect(nextView('Home', 'admin', all)).toBe('inbox');
    expect(nextView('End', 'inbox', all)).toBe('admin');
    expect(nextView('Enter', 'inbox', all)).toBeNull();
  });

  it('knows its screen names', () => {
    expect(isView('monitor')).toBe(true);
    expect(isView('reports')).toBe(true);
    expect(isView('charts')).toBe(false);
  });
});
