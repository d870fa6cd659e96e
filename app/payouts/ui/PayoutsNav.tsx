import { Link } from "@remix-run/react";
import { Menu } from "antd";

/** The two views of the section: the batches (work in progress) and the ledger (every payout). */
export function PayoutsNav({ active }: { active: "batches" | "ledger" }) {
  // A horizontal menu rather than Tabs: its active underline is plain CSS, right from the server.
  return (
    <nav aria-label="兑付台账">
      <Menu
        mode="horizontal"
        selectedKeys={[active]}
        style={{ marginBottom: 12 }}
        items={[
          { key: "batches", label: <Link to="/payouts">兑付批次</Link> },
          { key: "ledger", label: <Link to="/payouts/ledger">兑付明细台账</Link> },
        ]}
      />
    </nav>
  );
}
