import { render } from 'solid-js/web';

render(() => <h1>GestorLead</h1>, document.getElementById('root')!);
