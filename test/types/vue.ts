// Type test (tsc -p test/types/tsconfig.vue.json): the tags as Vue global components.
import type {} from '../../src/jsx/vue.js';
import type { GlobalComponents } from 'vue';

type PortalProps = InstanceType<GlobalComponents['pk-portal']>['$props'];
export const ok: PortalProps = { apiBase: '/api', token: 't', routing: 'hash' };
// @ts-expect-error routing is 'memory' | 'hash'
export const bad: PortalProps = { routing: 'sideways' };
