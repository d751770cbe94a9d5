/**
 * Picks an IANA time zone by typing part of its name (Kobalte Combobox over the browser's list).
 * People see the city and the zone's name in their language ("Sao Paulo (Horário de Brasília)"),
 * never the id (`America/Sao_Paulo`), which is what the form sends.
 */
import { Combobox } from '@kobalte/core/combobox';
import { Icon } from '../../components/Icon.tsx';
import { locale } from '../../lib/i18n.ts';

const TIME_ZONES: string[] = Intl.supportedValuesOf?.('timeZone') ?? ['America/Sao_Paulo', 'UTC'];

const labels = new Map<string, string>();

/** "Sao Paulo (Horário de Brasília)": the id's city and Intl's generic name for the zone. */
function zoneLabel(zone: string): string {
  const cacheKey = `${locale()} ${zone}`;
  const cached = labels.get(cacheKey);
  if (cached) return cached;
  const city = zone.split('/').pop()!.replaceAll('_', ' ');
  let name: string | undefined;
  try {
    name = new Intl.DateTimeFormat(locale(), { timeZone: zone, timeZoneName: 'longGeneric' })
      .formatToParts(new Date())
      .find((part) => part.type === 'timeZoneName')?.value;
  } catch {}
  const label = name && name !== city ? `${city} (${name})` : city;
  labels.set(cacheKey, label);
  return label;
}

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
      optionLabel={zoneLabel}
      optionTextValue={(zone) => `${zoneLabel(zone)} ${zone}`}
      value={props.value}
      onChange={(zone) => zone && props.onChange(zone)}
      validationState={props.error ? 'invalid' : 'valid'}
      disabled={props.disabled}
      gutter={6}
      itemComponent={(item) => (
        <Combobox.Item item={item.item} class="menu-item justify-between">
          <Combobox.ItemLabel>{zoneLabel(item.item.rawValue)}</Combobox.ItemLabel>
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
