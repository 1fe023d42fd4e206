export {
  type CorppassProvider,
  type CorppassProviderData,
  type CorppassProviderDeps,
  type CorppassProviderOptions,
  createCorppassProvider,
} from './corppass-provider';
