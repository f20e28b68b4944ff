import { Role, type RoleMapping } from "@ledgerflow/proto/gen/ledgerflow/admin/v1/admin_pb.ts";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useDispatch } from "react-redux";
import { DateTime } from "../../../components/date-time.tsx";
import { ConfirmDialog } from "../../../components/dialog.tsx";
import { SelectField, TextField } from "../../../components/fields.tsx";
import { PageHeader, Section } from "../../../components/page.tsx";
import { QueryView } from "../../../components/query-view.tsx";
import { ErrorMessage } from "../../../components/states.tsx";
import { TableScroll } from "../../../components/table.tsx";
import { useAdminClient } from "../../../lib/api-context.tsx";
import { toastShown } from "../../../stores/toasts.ts";
import { roleLabel, useCan } from "../../session/index.ts";
import { roleMappingsQueryOptions } from "../api/audit.ts";
import { useDeleteRoleMapping, useSetRoleMapping } from "../hooks/use-role-mutations.ts";

const roleOptions = [Role.VIEWER, Role.OPERATOR, Role.ADMIN].map((r) => ({ value: String(r), label: roleLabel(r) }));

function toRole(value: string): Role {
  const n = Number(value);
  return n === Role.ADMIN ? Role.ADMIN : n === Role.OPERATOR ? Role.OPERATOR : Role.VIEWER;
}

/** "acme, globex" → ["acme", "globex"]; empty or "*" → every ledger. */
export function parseLedgerList(text: string): string[] {
  const names = text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return names.length === 0 ? ["*"] : [...new Set(names)];
}

function ledgersLabel(ledgers: readonly string[]): string {
  return ledgers.length === 0 || ledgers.includes("*") ? "Every ledger" : ledgers.join(", ");
}

function MappingForm({ claim }: { claim: string }) {
  const set = useSetRoleMapping();
  const dispatch = useDispatch();
  const [value, setValue] = useState("");
  const [role, setRole] = useState<Role>(Role.VIEWER);
  const [ledgerText, setLedgerText] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const claimValue = value.trim();
    if (claimValue === "") return;
    const ledgers = parseLedgerList(ledgerText);
    set.mutate(
      { claimValue, role, ledgers },
      {
        onSuccess: () => {
          dispatch(toastShown("success", `“${claimValue}” now maps to ${roleLabel(role)} on ${ledgersLabel(ledgers).toLowerCase()}.`));
          setValue("");
          setLedgerText("");
        },
      },
    );
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Set a role mapping">
      <TextField label={`Claim value (${claim || "claim"})`} value={value} onChange={(e) => setValue(e.target.value)} placeholder="e.g. ledger-operators" />
      <SelectField label="Role" value={String(role)} options={roleOptions} onChange={(e) => setRole(toRole(e.target.value))} />
      <TextField label="On ledgers" value={ledgerText} onChange={(e) => setLedgerText(e.target.value)} placeholder="e.g. acme, globex (empty: every ledger)" autoComplete="off" spellCheck={false} />
      <div className="filters-actions">
        <button type="submit" className="button button-primary" disabled={value.trim() === "" || set.isPending}>
          {set.isPending ? "Saving…" : "Save mapping"}
        </button>
      </div>
      {set.isError ? <ErrorMessage error={set.error} /> : null}
    </form>
  );
}

function DeleteButton({ mapping }: { mapping: RoleMapping }) {
  const remove = useDeleteRoleMapping();
  const dispatch = useDispatch();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button button-small button-danger-outline" onClick={() => setOpen(true)} aria-label={`Delete mapping ${mapping.claimValue}`}>
        Delete
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete the mapping for “${mapping.claimValue}”?`}
        confirmLabel="Delete"
        tone="danger"
        busy={remove.isPending}
        error={remove.error ?? undefined}
        onCancel={() => {
          setOpen(false);
          remove.reset();
        }}
        onConfirm={() =>
          remove.mutate(mapping.claimValue, {
            onSuccess: () => {
              setOpen(false);
              dispatch(toastShown("success", `Mapping for “${mapping.claimValue}” deleted.`));
            },
          })
        }
      >
        <p>People whose only match was this value lose their role at their next sign-in.</p>
      </ConfirmDialog>
    </>
  );
}

function RoleMappings() {
  const client = useAdminClient();
  const canSet = useCan("setRoleMapping");
  const canDelete = useCan("deleteRoleMapping");
  const mappings = useQuery(roleMappingsQueryOptions(client));
  return (
    <QueryView query={mappings} what="role mappings">
      {(r) => (
        <>
          <p>
            Roles come from the <code>{r.claim || "(unset)"}</code> claim of the ID token.
          </p>
          {canSet ? (
            <Section title="Add or change">
              <MappingForm claim={r.claim} />
            </Section>
          ) : null}
          <Section title="Mappings">
            {r.mappings.length === 0 ? (
              <p className="muted">No mappings: nobody has a role yet.</p>
            ) : (
              <TableScroll label="Role mappings" testId="role-mappings-table">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Claim value</th>
                      <th scope="col">Role</th>
                      <th scope="col">Ledgers</th>
                      <th scope="col">Updated</th>
                      <th scope="col">By</th>
                      {canDelete ? <th scope="col">Actions</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {r.mappings.map((m) => (
                      <tr key={m.claimValue}>
                        <th scope="row" className="mono">
                          {m.claimValue}
                        </th>
                        <td>{roleLabel(m.role)}</td>
                        <td>{ledgersLabel(m.ledgers)}</td>
                        <td>
                          <DateTime value={m.updatedAt} />
                        </td>
                        <td>{m.updatedBy || "—"}</td>
                        {canDelete ? (
                          <td>
                            <DeleteButton mapping={m} />
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </Section>
        </>
      )}
    </QueryView>
  );
}

export function RolesPage() {
  const allowed = useCan("listRoleMappings");
  return (
    <>
      <PageHeader title="Roles" description="Which identity-provider groups get which role, on which ledgers." />
      {allowed ? <RoleMappings /> : <p role="alert">Only admins can manage roles.</p>}
    </>
  );
}
