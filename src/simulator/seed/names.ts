/** Word lists for plausible seeded profiles; the seed decides which are used. */
export const GIVEN_NAMES = [
  'ada', 'alan', 'amara', 'ana', 'arjun', 'beatriz', 'carlos', 'chen', 'dara', 'elena', 'emeka', 'fatima',
  'grace', 'hana', 'ivan', 'jonas', 'kai', 'laila', 'liam', 'lucia', 'mateo', 'mei', 'nadia', 'noah',
  'olga', 'omar', 'priya', 'quinn', 'rafael', 'sara', 'sven', 'tariq', 'uma', 'victor', 'wei', 'yara', 'zoe',
] as const;

export const FAMILY_NAMES = [
  'abbott', 'bauer', 'castro', 'dubois', 'eriksen', 'fischer', 'garcia', 'haddad', 'ito', 'jensen', 'kowalski',
  'lopez', 'mbeki', 'nakamura', 'okafor', 'patel', 'quintero', 'rossi', 'schmidt', 'tanaka', 'usman', 'varga',
  'walker', 'xu', 'yilmaz', 'zhang',
] as const;

export const EMAIL_DOMAINS = ['example.com', 'acme.test', 'globex.test', 'initech.test', 'umbrella.test'] as const;

export const ORG_WORDS = [
  'acme', 'globex', 'initech', 'umbrella', 'hooli', 'vandelay', 'wayne', 'stark', 'wonka', 'cyberdyne', 'soylent',
  'tyrell', 'aperture', 'monarch', 'oscorp', 'pied-piper', 'massive', 'gringotts', 'nakatomi', 'duff', 'krusty',
  'planet', 'dunder', 'sterling', 'prestige', 'bluth', 'gekko', 'spacely', 'cogswell', 'wernham', 'kwik',
  'olivia', 'zorg', 'virtucon', 'omni', 'weyland', 'yoyodyne', 'rekall', 'axiom', 'abstergo',
] as const;

export const ORG_SUFFIXES = ['corp', 'labs', 'group', 'systems', 'partners', 'retail', 'health', 'logistics'] as const;

export const PLANS = ['free', 'starter', 'pro', 'enterprise'] as const;

export const LOCALES = ['en', 'fr', 'de', 'es', 'ja', 'pt-BR'] as const;

export const BRAND_COLORS = ['#0059d6', '#e0218a', '#22a06b', '#f5a623', '#6554c0', '#172b4d'] as const;
