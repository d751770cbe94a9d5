/**
 * The sections (pipeline, studio…): their names in the menu, and the empty states until they are
 * built. Every menu label is here, so the shell needs this one dictionary for its navigation.
 */
import type { Messages } from '../define.ts';

export default {
  pipeline: 'Pipeline',
  pipelineDescription: 'Seus negócios, etapa por etapa, editados ao vivo pelo time.',
  pipelineEmptyTitle: 'Seu pipeline de vendas vai morar aqui',
  pipelineEmptyBody:
    'Um quadro compartilhado com etapas, cartões de leads e notas, que o time edita junto em tempo real, até offline no celular.',
  pipelineFeature1: 'Arraste leads entre etapas e veja as mudanças dos colegas na hora',
  pipelineFeature2: 'Importe leads de planilhas e evite duplicados',
  pipelineFeature3: 'Pontuação automática para saber quem atender primeiro',
  studio: 'Estúdio',
  campaigns: 'Campanhas',
  campaignsDescription: 'Campanhas de anúncios com piloto automático.',
  campaignsEmptyTitle: 'Suas campanhas vão morar aqui',
  campaignsEmptyBody:
    'Monte rascunhos em equipe, aprove e publique. O piloto automático acompanha os resultados e ajusta orçamentos.',
  campaignsFeature1: 'Rascunhos colaborativos com fila de aprovação',
  campaignsFeature2: 'Métricas por hora e decisões a cada 6 horas',
  campaignsFeature3: 'Alertas quando o orçamento foge do plano',
  inbox: 'Caixa de entrada',
  inboxDescription: 'Conversas com leads, inclusive pelo WhatsApp.',
  inboxEmptyTitle: 'Suas conversas vão morar aqui',
  inboxEmptyBody:
    'Mensagens de leads e clientes em um só lugar, ligadas ao pipeline, para ninguém ficar sem resposta.',
  inboxFeature1: 'WhatsApp e e-mail na mesma caixa',
  inboxFeature2: 'Cada conversa ligada ao lead no pipeline',
  inboxFeature3: 'Respostas rápidas e atribuição ao time',
  automations: 'Automações',
  automationsDescription: 'Regras que trabalham enquanto você atende clientes.',
  automationsEmptyTitle: 'Suas automações vão morar aqui',
  automationsEmptyBody:
    'Quando algo acontece (um lead novo, uma etapa alcançada), o GestorLead age por você: mensagens, tarefas e avisos.',
  automationsFeature1: 'Gatilhos do pipeline, de formulários e de campanhas',
  automationsFeature2: 'Mensagens de acompanhamento no tempo certo',
  automationsFeature3: 'Histórico de cada execução',
  reports: 'Relatórios',
  products: 'Produtos',
  autopilot: 'Piloto automático',
  credits: 'Créditos',
  members: 'Membros',
  apiKeys: 'Chaves de API',
  audit: 'Auditoria',
  settings: 'Configurações',
  reportsDescription: 'Resultados no fuso horário e na moeda da sua organização.',
  reportsEmptyTitle: 'Seus relatórios vão morar aqui',
  reportsEmptyBody:
    'Vendas, conteúdo e anúncios em números claros, com relatório diário pronto para enviar ao cliente.',
  reportsFeature1: 'Funil de vendas e tempo em cada etapa',
  reportsFeature2: 'Retorno por campanha e por canal',
  reportsFeature3: 'Exportação em CSV e PDF',
} satisfies Messages;
