import { useEffect, useState } from 'react';
import { toAppError, type AppErrorShape } from '../../../../shared/errors';
import { useController } from '../../app/controller-context';

/** A stored file's signed link as a view needs it: loading (both null), the link, or why not. */
export function useFileUrl(fileId: string, variant: 'original' | 'playable' = 'original'): { url: string | null; error: AppErrorShape | null } {
  const controller = useController();
  const [state, setState] = useState<{ key: string; url: string | null; error: AppErrorShape | null }>({ key: '', url: null, error: null });
  const key = `${fileId}:${variant}`;
  useEffect(() => {
    let live = true;
    controller.fileUrl(fileId, variant).then(
      ({ url }) => live && setState({ key, url, error: null }),
      (err: unknown) => live && setState({ key, url: null, error: toAppError(err).toJSON() }),
    );
    return () => {
      live = false;
    };
  }, [controller, fileId, variant, key]);
  return state.key === key ? { url: state.url, error: state.error } : { url: null, error: null };
}
