import type { ReactNode } from 'react';

/** An admin section's heading and introduction, with the section's buttons (if any) beside them. */
export function AdminSectionHeader({ headingId, title, intro, children }: { headingId: string; title: ReactNode; intro: ReactNode; children?: ReactNode }) {
  return (
    <div className="admin-section-header">
      <div>
        <h3 id={headingId} className="admin-section-title">
          {title}
        </h3>
        <p className="admin-section-intro">{intro}</p>
      </div>
      {children}
    </div>
  );
}
