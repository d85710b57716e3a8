// A Vue 3 host: <pk-portal> as a native element (Vue sets its properties), with token renewal and
// an event handler. In a single-file component, tell Vue's compiler the tag is an element:
// `compilerOptions.isCustomElement: (tag) => tag.startsWith('pk-')`.
import 'portalkit';
import { createApp, defineComponent, h, ref } from 'vue';

const fetchToken = async (): Promise<string> =>
  ((await (await fetch('/token', { method: 'POST' })).json()) as { token: string }).token;

const App = defineComponent(() => {
  const status = ref('Opening your portal…');
  // The first token; later ones the portal asks for itself (fetchToken) before the session ends.
  const token = ref<string>();
  void fetchToken().then((t) => (token.value = t));
  return () => [
    h('h1', 'Acme Cloud'),
    h('p', { id: 'status', role: 'status' }, status.value),
    h('pk-portal', {
      apiBase: '/api',
      token: token.value,
      fetchToken,
      onPkReady: (event: HTMLElementEventMap['pk-ready']) => {
        status.value = `Signed in as ${event.detail.user.name}`;
      },
      onPkError: (event: HTMLElementEventMap['pk-error']) =>
        console.warn('portal:', event.detail.code, event.detail.hint),
    }),
  ];
});

createApp(App).mount('#app');
