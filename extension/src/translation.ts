import { nullTranslator, type ITranslator, type TranslationBundle } from "@jupyterlab/translation";

/**
 * The gettext domain of the extension's strings: JupyterLab looks a domain up as a Python package name,
 * so it is the package's (the settings schema names it too, in "jupyter.lab.internationalization").
 */
export const TRANSLATION_DOMAIN = "rucio_catalog_jupyterlab";

/** The extension's strings in the user's language; English when the application has no translator. */
export function catalogStrings(translator: ITranslator | null): TranslationBundle {
  return (translator ?? nullTranslator).load(TRANSLATION_DOMAIN);
}
