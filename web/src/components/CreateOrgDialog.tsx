/** Creates another organization (you become its owner) and switches into it. */
import { useNavigate } from '@solidjs/router';
import { Show } from 'solid-js';
import { CreateOrgInput } from '../../../schema/inputs/orgs.ts';
import { createForm } from '../lib/forms.ts';
import { t } from '../lib/i18n.ts';
import { createOrg } from '../lib/session.ts';
import { HOME_PATH } from '../sections.ts';
import { Button } from './Button.tsx';
import { Dialog, type DialogProps } from './Dialog.tsx';
import { Field } from './Field.tsx';
import { Notice } from './Notice.tsx';
import { showToast } from './Toast.tsx';

export function CreateOrgForm(props: {
  onCreated?: () => void;
  submitLabel?: string;
  label?: string;
}) {
  const navigate = useNavigate();
  const form = createForm(CreateOrgInput, async ({ name }) => {
    const org = await createOrg(name);
    showToast({ title: t('shell.orgCreated', { org: org.name }) });
    props.onCreated?.();
    navigate(HOME_PATH);
  });
  return (
    <form class="grid gap-4" onSubmit={form.onSubmit} novalidate>
      <Field
        label={props.label ?? t('shell.orgName')}
        name="name"
        placeholder={t('shell.orgNamePlaceholder')}
        error={form.error('name')}
        autofocus
        required
      />
      <Show when={form.formError()}>
        <Notice kind="error">{form.formError()}</Notice>
      </Show>
      <div class="flex justify-end">
        <Button type="submit" variant="primary" busy={form.busy()}>
          {props.submitLabel ?? t('shell.createOrg')}
        </Button>
      </div>
    </form>
  );
}

export function CreateOrgDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocus: DialogProps['returnFocus'];
}) {
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      returnFocus={props.returnFocus}
      title={t('shell.createOrg')}
      description={t('shell.createOrgDescription')}
    >
      <CreateOrgForm onCreated={() => props.onOpenChange(false)} />
    </Dialog>
  );
}
