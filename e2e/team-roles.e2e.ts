/**
 * The "Done when": an owner signs up and invites someone; the invitee signs up from the
 * link in another browser and joins; the owner makes them a viewer; the viewer's controls go
 * read-only, a write sent from a page still showing the old role is refused visibly, and the
 * viewer can still leave.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { choose, newPersonContext, PASSWORD, signUp, uniqueEmail, useBrowser } from './browser.ts';

const browser = useBrowser();

test('sign-up → invite → accept in a second browser → demote to viewer → writes refused', async () => {
  const orgName = `Agência Farol ${Date.now() % 10_000}`;
  const ownerContext = await newPersonContext(browser());
  const owner = await ownerContext.newPage();
  await signUp(owner, { name: 'Olívia Dona', email: uniqueEmail('owner'), orgName });
  await owner.getByTestId('org-switcher').getByText(orgName).waitFor();

  // Invite as admin, so the invitee first sees write controls that the demotion must take away.
  const inviteeEmail = uniqueEmail('invitee');
  await owner.goto('/members');
  await owner.getByLabel('E-mail').fill(inviteeEmail);
  await choose(owner, 'Papel', 'Administrador');
  await owner.getByRole('button', { name: 'Convidar' }).click();
  const inviteLink = (await owner.getByTestId('invite-link').textContent())!.trim();
  assert.match(inviteLink, /\/invite\/[A-Za-z0-9_-]{20,}$/);
  await owner.getByTestId('pending-invitation').filter({ hasText: inviteeEmail }).waitFor();

  const inviteeContext = await newPersonContext(browser());
  const invitee = await inviteeContext.newPage();
  await invitee.goto(inviteLink);
  await invitee.getByTestId('invitation-card').getByText(orgName).waitFor();
  await invitee.getByLabel('Seu nome').fill('Ivo Convidado');
  await invitee.getByLabel('Senha').fill(PASSWORD);
  await invitee.getByRole('button', { name: 'Criar conta e aceitar' }).click();
  await invitee.waitForURL('**/pipeline');
  await invitee.getByTestId('org-switcher').getByText(orgName).waitFor();
  await invitee.getByTestId('org-switcher').getByText('Administrador').waitFor();

  // The invitee opens the settings as an admin: the form is editable.
  await invitee.goto('/settings');
  const nameField = invitee.getByLabel('Nome da organização');
  await nameField.waitFor();
  assert.equal(await nameField.isEnabled(), true);

  await owner.goto('/members');
  const row = owner.getByTestId('member-row').filter({ hasText: inviteeEmail });
  await row.waitFor();
  await row.getByRole('button', { name: /Papel de Ivo/ }).click();
  await owner.getByRole('option', { name: 'Leitor', exact: true }).click();
  await owner.getByText('Ivo Convidado agora é Leitor.').waitFor();

  // The invitee's page still shows the admin form; saving is refused by the API, visibly.
  await nameField.fill('Nome que um leitor não pode salvar');
  await invitee.getByRole('button', { name: 'Salvar alterações' }).click();
  await invitee
    .getByRole('alert')
    .filter({ hasText: 'Seu papel nesta organização não permite esta ação' })
    .waitFor();
  // …and the refusal makes the app re-read the role: the form turns read-only.
  await invitee.getByText('Somente proprietários e administradores podem alterar').waitFor();
  assert.equal(await nameField.isDisabled(), true);
  assert.equal(await invitee.getByRole('button', { name: 'Salvar alterações' }).isDisabled(), true);
  await invitee.getByTestId('org-switcher').getByText('Leitor').waitFor();

  // Members page as a viewer: no invite form, no role pickers, no remove buttons.
  await invitee.goto('/members');
  await invitee.getByTestId('member-row').first().waitFor();
  assert.equal(await invitee.getByText('Convidar pessoa').count(), 0);
  assert.equal(await invitee.getByRole('button', { name: /^Papel de/ }).count(), 0);
  assert.equal(await invitee.getByRole('button', { name: /^Remover/ }).count(), 0);
  assert.equal(await invitee.getByRole('link', { name: 'Chaves de API' }).count(), 0);

  // Nothing was written: the owner still sees the original name.
  await owner.goto('/settings');
  assert.equal(await owner.getByLabel('Nome da organização').inputValue(), orgName);

  // Even a viewer may leave; they land in the organization their sign-up created.
  await invitee.getByRole('button', { name: 'Sair da organização' }).click();
  await invitee
    .getByRole('alertdialog')
    .getByRole('button', { name: 'Sair da organização' })
    .click();
  await invitee.getByText(`Você saiu de ${orgName}.`).waitFor();
  await invitee.getByTestId('org-switcher').getByText('Espaço de Ivo Convidado').waitFor();
  await owner.goto('/members');
  await owner.getByTestId('member-row').first().waitFor();
  assert.equal(await owner.getByTestId('member-row').filter({ hasText: inviteeEmail }).count(), 0);

  await ownerContext.close();
  await inviteeContext.close();
});
