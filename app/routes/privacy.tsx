import { StatementPage } from "~/components/StatementPage";

export default function Privacy() {
  return <StatementPage ns="privacy" />;
}
