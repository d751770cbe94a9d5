/** Picks an IANA time zone by typing part of its name (Kobalte Combobox over the browser's list). */
import { Combobox } from '@kobalte/core/combobox';
import { Icon } from '../../components/Icon.tsx';

const TIME_ZONES: string[] = Intl.supportedValuesOf?.('timeZone') ?? ['America/Sao_Paulo', 'UTC'];

export function TimeZoneField(props: {
  label: string;
  value: string;
  onChange: (zone: string) => void;
  error?: string;
  description?: string;
  disabled?: boolean;
}) {
  const options = () =>
    TIME_ZONES.includes(props.value) ? TIME_ZONES : [props.value, ...TIME_ZONES];
  return (
    <Combobox<string>
      class="grid content-start gap-1.5"
      name="timeZone"
      options={options()}
      value={props.value}
      onChange={(zone) => zone && props.onChange(zone)}
      validationState={props.error ? 'invalid' : 'valid'}
      disabled={props.disabled}
      gutter={6}
      itemComponent={(item) => (
        <Combobox.Item item={item.item} class="menu-item justify-between">
          <Combobox.ItemLabel>{item.item.rawValue.replaceAll('_', ' ')}</Combobox.ItemLabel>
          <Combobox.ItemIndicator>
            <Icon name="check" class="size-4 text-brand" />
          </Combobox.ItemIndicator>
        </Combobox.Item>
      )}
    >
      <Combobox.HiddenSelect />
      <Combobox.Label class="label-text">{props.label}</Combobox.Label>
      <Combobox.Control class="input flex items-center gap-2 pr-1 focus-within:(ring-2 ring-brand ring-offset-2 ring-offset-canvas)">
        <Combobox.Input class="h-full min-w-0 grow bg-transparent outline-none" />
        <Combobox.Trigger class="icon-btn size-8" aria-label={props.label}>
          <Combobox.Icon>
            <Icon name="chevronDown" class="size-4" />
          </Combobox.Icon>
        </Combobox.Trigger>
      </Combobox.Control>
      {props.description && !props.error && (
        <Combobox.Description class="help-text">{props.description}</Combobox.Description>
      )}
      <Combobox.ErrorMessage class="error-text">{props.error}</Combobox.ErrorMessage>
      <Combobox.Portal>
        <Combobox.Content class="menu-content max-h-72 overflow-auto">
          <Combobox.Listbox class="outline-none" />
        </Combobox.Content>
      </Combobox.Portal>
    </Combobox>
  );
}
