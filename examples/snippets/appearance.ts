import { appearancePresets } from 'portalkit';

const portal = document.querySelector('pk-portal')!;
portal.appearance = {
  ...appearancePresets.dark, // or .light
  colors: { ...appearancePresets.dark.colors, surface: '#101820' },
  fonts: { body: 'Inter, sans-serif' },
  radius: 6, // px, or any CSS length
  spacing: '0.5rem',
};
