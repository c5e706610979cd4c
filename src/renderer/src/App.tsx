import { useState } from 'react';
import { connect } from './transport/client';

const api = connect();

export function App() {
  const [result, setResult] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const code = new FormData(e.currentTarget).get('code');
        api
          .recordScan({ code: String(code), source: 'keyboard' })
          .then((r) => setResult(r.outcome))
          .catch((err: Error) => setResult(err.message));
      }}
    >
      <input name="code" autoFocus />
      <output data-testid="result">{result}</output>
    </form>
  );
}
