import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { LocationProvider } from './router.js';
import { WalletProvider } from './wallet/wallet.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LocationProvider>
      <WalletProvider>
        <App />
      </WalletProvider>
    </LocationProvider>
  </StrictMode>,
);
