import { useId, useState, type KeyboardEvent } from 'react';
import { describeError } from '../../i18n/translate';
import { useT } from '../../i18n/use-t';
import { DialogFrame } from '../common/DialogFrame';
import { useFileUrl } from './use-file-url';

/** One file the viewer can show: a picture of the conversation, or a PDF. */
export interface ViewedFile {
  fileId: string;
  name: string;
  view: 'image' | 'pdf';
}

const ZOOM_STEPS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4];

/**
 * A file shown large in a dialog: pictures with zoom, rotation and the conversation's other
 * pictures before and after; a PDF in a frame. Esc closes; Tab stays inside.
 */
export function FileViewer({ files, start, onClose }: { files: readonly ViewedFile[]; start: number; onClose(): void }) {
  const t = useT();
  const titleId = useId();
  const [index, setIndex] = useState(start);
  const [zoom, setZoom] = useState(3);
  const [turns, setTurns] = useState(0);
  const file = files[index];
  if (!file) return null;
  const images = files.filter((f) => f.view === 'image');
  const position = images.indexOf(file);

  // Previous and next stay focusable at either end (aria-disabled), so paging never drops the focus out of the dialog.
  function go(step: number) {
    const next = images[position + step];
    if (!next) return;
    setIndex(files.indexOf(next));
    setZoom(3);
    setTurns(0);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (file?.view !== 'image') return;
    if (event.key === 'ArrowLeft') go(-1);
    else if (event.key === 'ArrowRight') go(1);
  }

  const title = file.view === 'image' ? t('viewer.imageTitle', { name: file.name, index: position + 1, count: images.length }) : file.name;
  return (
    <DialogFrame testId="file-viewer" className="file-viewer" titleId={titleId} title={title} closeLabel={t('viewer.close')} busy={false} onClose={onClose}>
      <div className="file-viewer-body" onKeyDown={onKeyDown}>
        {file.view === 'image' ? (
          <>
            <div className="file-viewer-tools" role="toolbar" aria-label={title}>
              <button type="button" className="button button-quiet" aria-label={t('viewer.previous')} aria-disabled={position <= 0} onClick={() => go(-1)}>
                ‹
              </button>
              <button type="button" className="button button-quiet" aria-label={t('viewer.zoomOut')} disabled={zoom === 0} onClick={() => setZoom(zoom - 1)}>
                −
              </button>
              <output className="file-viewer-zoom" data-testid="viewer-zoom">
                {Math.round(ZOOM_STEPS[zoom]! * 100)}%
              </output>
              <button
                type="button"
                className="button button-quiet"
                aria-label={t('viewer.zoomIn')}
                disabled={zoom === ZOOM_STEPS.length - 1}
                onClick={() => setZoom(zoom + 1)}
              >
                +
              </button>
              <button type="button" className="button button-quiet" aria-label={t('viewer.rotate')} onClick={() => setTurns((turns + 1) % 4)}>
                ↻
              </button>
              <button
                type="button"
                className="button button-quiet"
                aria-label={t('viewer.next')}
                aria-disabled={position >= images.length - 1}
                onClick={() => go(1)}
              >
                ›
              </button>
            </div>
            <ViewedImage key={file.fileId} file={file} scale={ZOOM_STEPS[zoom]!} rotation={turns * 90} />
          </>
        ) : (
          <ViewedPdf key={file.fileId} file={file} />
        )}
      </div>
    </DialogFrame>
  );
}

function ViewedImage({ file, scale, rotation }: { file: ViewedFile; scale: number; rotation: number }) {
  const t = useT();
  const { url, error } = useFileUrl(file.fileId);
  if (error) return <p role="alert">{t('file.linkFailed', { reason: describeError(t, error) })}</p>;
  if (!url) return <p role="status">{t('file.loading')}</p>;
  return (
    <div className="file-viewer-stage">
      <img
        src={url}
        alt={file.name}
        data-testid="viewer-image"
        data-rotation={rotation}
        style={{ transform: `scale(${scale}) rotate(${rotation}deg)` }}
      />
    </div>
  );
}

function ViewedPdf({ file }: { file: ViewedFile }) {
  const t = useT();
  const { url, error } = useFileUrl(file.fileId);
  if (error) return <p role="alert">{t('file.linkFailed', { reason: describeError(t, error) })}</p>;
  if (!url) return <p role="status">{t('file.loading')}</p>;
  return <iframe className="file-viewer-pdf" src={url} title={file.name} data-testid="viewer-pdf" />;
}
