import { Form } from "react-router";

// A step that cannot be undone with one click (delete, turn into a report): the button sits
// behind a disclosure that says what will happen. Plain <details>, no JavaScript needed.
export function ConfirmAction({
  summary,
  hint,
  confirm,
  intent,
  danger = false,
}: {
  summary: string;
  hint: string;
  confirm: string;
  intent: string;
  danger?: boolean;
}) {
  return (
    <details className="confirm">
      <summary>{summary}</summary>
      <Form method="post" className="confirm__body">
        <p>{hint}</p>
        <button type="submit" name="intent" value={intent} className={danger ? "button button--danger" : "button"}>
          {confirm}
        </button>
      </Form>
    </details>
  );
}
