import { StatementPage } from "~/components/StatementPage";

export default function Accessibility() {
  return <StatementPage ns="accessibility" />;
}
