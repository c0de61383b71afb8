/*
 * Writes the LV2 bundle's continuo.ttl to standard output, its control ports made from the core's parameter table
 * (core/params.c), so the ports the host sees and those the shim reads cannot drift apart. Run by the build only.
 */
#include <stdio.h>

#include "params.h"

static const char *HEAD =
    "@prefix atom: <http://lv2plug.in/ns/ext/atom#> .\n"
    "@prefix doap: <http://usefulinc.com/ns/doap#> .\n"
    "@prefix lv2: <http://lv2plug.in/ns/lv2core#> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "@prefix midi: <http://lv2plug.in/ns/ext/midi#> .\n"
    "@prefix rsz: <http://lv2plug.in/ns/ext/resize-port#> .\n"
    "@prefix state: <http://lv2plug.in/ns/ext/state#> .\n"
    "@prefix time: <http://lv2plug.in/ns/ext/time#> .\n"
    "@prefix urid: <http://lv2plug.in/ns/ext/urid#> .\n"
    "\n"
    "<https://continuo.dev/lv2/continuo>\n"
    "    a lv2:Plugin, lv2:MIDIPlugin ;\n"
    "    doap:name \"Continuo\" ;\n"
    "    rdfs:comment \"Four-part accompaniment for the melody it hears, prepared by the Continuo engine.\" ;\n"
    "    lv2:requiredFeature urid:map ;\n"
    "    lv2:optionalFeature lv2:hardRTCapable ;\n"
    "    lv2:extensionData state:interface ;\n"
    "    lv2:port [\n"
    "        a lv2:InputPort, atom:AtomPort ;\n"
    "        atom:bufferType atom:Sequence ;\n"
    "        atom:supports midi:MidiEvent, time:Position ;\n"
    "        lv2:designation lv2:control ;\n"
    "        lv2:index 0 ;\n"
    "        lv2:symbol \"in\" ;\n"
    "        lv2:name \"Melody and transport\"\n"
    "    ], [\n"
    "        a lv2:OutputPort, atom:AtomPort ;\n"
    "        atom:bufferType atom:Sequence ;\n"
    "        atom:supports midi:MidiEvent ;\n"
    "        rsz:minimumSize 32768 ;\n"
    "        lv2:index 1 ;\n"
    "        lv2:symbol \"out\" ;\n"
    "        lv2:name \"Accompaniment\"\n"
    "    ]";

int main(void)
{
    fputs(HEAD, stdout);
    for (uint32_t id = 0; id < CONTINUO_PARAM_COUNT; id++) {
        const continuo_param_info *info = continuo_param_info_of(id);
        printf(", [\n"
               "        a lv2:InputPort, lv2:ControlPort ;\n"
               "        lv2:index %u ;\n"
               "        lv2:symbol \"%s\" ;\n"
               "        lv2:name \"%s\" ;\n"
               "        lv2:default %g ;\n"
               "        lv2:minimum %g ;\n"
               "        lv2:maximum %g",
               (unsigned)(id + 2), info->symbol, info->name, info->fallback, info->min, info->max);
        if (info->stepped) {
            printf(" ;\n        lv2:portProperty %s", info->min == 0 && info->max == 1 ? "lv2:toggled" : "lv2:integer");
        }
        printf("\n    ]");
    }
    fputs(" .\n", stdout);
    return ferror(stdout) ? 1 : 0;
}
