import {StrictMode} from 'react';
import {createRoot} from 'react-dom/client';
import {App} from './app/App.tsx';
import {registerServiceWorker} from './offline/register-service-worker.ts';
import {applyDeviceTheme, followSystemTheme} from './theme/theme.ts';
import './theme.css';
import './styles.css';
import './phone.css';
import './clamp.css';

applyDeviceTheme();
followSystemTheme();
registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
