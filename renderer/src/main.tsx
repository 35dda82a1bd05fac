import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { ControllerContext } from './app/controller-context';
import { watchActivity } from './app/activity-source';
import { createWorkstationController } from './app/workstation-controller';
import { chooseBridge } from './bridge/bridge';
import { App } from './features/shell/App';
import './styles/app.css';

// The CSP forbids eval; tell zod not to probe for it (the probe itself raises a CSP report).
z.config({ jitless: true });

const controller = createWorkstationController(chooseBridge(window));
// Started outside React so StrictMode's double effects cannot subscribe twice.
controller.start();
// Keyboard, mouse and focus feed auto-away.
watchActivity(window, () => controller.noteActivity());
// Typing not saved yet goes to the client core before the page goes away.
const flushDrafts = () => void controller.flushAllDrafts();
window.addEventListener('beforeunload', flushDrafts);
window.addEventListener('pagehide', flushDrafts);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <ControllerContext.Provider value={controller}>
      <App />
    </ControllerContext.Provider>
  </StrictMode>,
);
