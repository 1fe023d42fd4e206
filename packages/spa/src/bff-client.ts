/** The app's one SDK client: same origin as the BFF, default CSRF header, 2-minute expiry warning. */
import { createBffClient } from '@sgid-bff/client';

export const bffClient = createBffClient();
