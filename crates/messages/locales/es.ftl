### Las palabras de Sandpiper en español (traducción de en.ftl, con sus mismos ids y argumentos).
### El código de un mensaje se escribe como lo teclearía el estudiante.

language-name = Español

## La página

run-button = Ejecutar
run-button-title = Ejecutar (Ctrl+Intro)
stop-button = Detener
stop-button-title = Detener el programa en marcha (o la ejecución que espera a Python)
step-button = Paso a paso
step-button-title = Ejecutar paso a paso: recorre la ejecución línea a línea (Ctrl+Mayús+Intro)
program-controls = Controles del programa
open-in-app = Abrir en Sandpiper
open-in-app-title = Abrir este programa en la aplicación Sandpiper completa, en una pestaña nueva
show-the-code = Mostrar el código
clear-button = Borrar
clear-button-title = Borrar la salida
examples-label = Cargar un programa de ejemplo
examples-choose = Ejemplos…
share-button = Compartir
share-button-title = Crear un enlace que abre este programa
download-button = Descargar
download-button-title = Guardar en este ordenador el archivo que está delante
download-all-button = Descargar todo
download-all-button-title = Guardar todos los archivos en un .zip
open-button = Abrir…
open-button-title = Añadir archivos de este ordenador (archivos de texto, o un .zip de archivos)
results-label = Resultados
tab-output-label = Salida
tab-steps-label = Pasos
tab-bytecode-label = Bytecode
tab-drawing-label = Dibujo
hint-label = Pista
hints-off = Las pistas están desactivadas
language-label = Idioma
run-above-first = Ejecutar antes los de arriba
run-above-first-title = Ejecuta en orden los ejemplos de arriba y luego este: comparten sus nombres

## Comprobaciones de ejercicios (docs/exercises.md). Los mensajes check-* que describen
## pruebas vienen de crates/engine/python/lib/_sandpiper_check.py.

check-button = Comprobar
check-button-title = Ejecuta las pruebas del ejercicio con tu programa
check-unavailable = No se pudo cargar la comprobación de este ejercicio ({ $reason }), así que aquí no se puede comprobar.
check-running = Comprobando…
check-results-label = Resultados de las pruebas
check-passed = superada
check-failed = fallida
check-all-passed = { $count ->
    [one] La prueba se superó. ¡Bien hecho!
   *[other] Las { $count } pruebas se superaron. ¡Bien hecho!
}
check-some-failed = { $failed ->
    [one] Falló
   *[other] Fallaron
} { $failed } de { $count ->
    [one] { $count } prueba.
   *[other] { $count } pruebas.
}
check-no-tests = La comprobación no hizo ninguna prueba.
check-broken = La comprobación del ejercicio falló ella misma (mira la salida): es un error del ejercicio, no de tu programa.
check-stopped = La comprobación se detuvo antes de terminar.
check-done = Hecho
check-done-title = Superaste las pruebas de este ejercicio (se recuerda en este navegador)
check-diff-expected = esperado
check-diff-actual = tu programa
completion-code-name = Tu nombre, para el código de finalización
completion-code-make = Obtener el código de finalización
completion-code-label = Código de finalización de { $name }:
check-output = Muestra la salida esperada
check-output-with-inputs = Muestra la salida esperada cuando la entrada es { $inputs }
check-output-differs = La salida no es la esperada: compara las líneas de abajo.
check-returns = { $call } devuelve { $expected }
check-returned-instead = Devolvió { $actual }.
check-function-raised = Lanzó { $error }.
check-no-function = Tu programa no tiene ninguna función llamada { $name }.
check-not-a-function = { $name } es un { $type }, no una función.
check-program-error = Tu programa se detuvo con un error: { $error }
check-program-wants-input = Tu programa pidió más entrada de la que teclea la prueba ({ $count ->
    [0] ninguna
    [one] una línea
   *[other] { $count } líneas
}).
check-program-steps = Tu programa no terminó: se detuvo tras demasiados pasos. ¿Hay un bucle que no termina nunca?
check-program-time = Tu programa no terminó a tiempo. ¿Hay un bucle que no termina nunca?
check-program-memory = Tu programa usó demasiada memoria.

## Pistas bajo un traceback: qué falló en este programa y qué probar.

# Sintaxis y sangría

hint-missing-colon = La línea { $line } empieza con { $keyword }, y una línea que abre un bloque termina con dos puntos. Pon : al final de la línea { $line }.
hint-never-closed = El { $bracket } de la línea { $line } (columna { $column }) no se cierra nunca. Añade su { $closing } donde termine lo que encierra.
hint-unmatched-bracket = El { $bracket } de la línea { $line } no cierra nada: no hay ningún { $opening } abierto antes. Quítalo, o añade el { $opening } que falta.
hint-mismatched-bracket = En la línea { $line } un { $opening } se cierra con { $closing }. Paréntesis, corchetes y llaves se cierran en orden inverso al que se abren: este necesita { $expected }.
hint-equals-for-comparison = En la línea { $line }, un solo = guarda un valor en un nombre. Para comparar dos valores, escribe == (como en if x == 3:).
hint-assign-to-expression = En la línea { $line }, a la izquierda de = debe haber un nombre, como en total = x + 1: el nombre a la izquierda, el valor a la derecha. Para comparar, escribe ==.
hint-unterminated-string = El texto que empieza con { $quote } en la columna { $column } de la línea { $line } no tiene la comilla { $quote } de cierre. Ponla donde termine el texto, en la misma línea.
hint-unterminated-triple-string = El texto entre comillas triples que empieza en la línea { $line } no se cierra nunca: termínalo con las mismas tres comillas.
hint-tabs-and-spaces = La línea { $line } tiene una sangría que mezcla tabuladores y espacios, y Python no puede compararlas. Usa solo espacios, 4 por nivel.
hint-unexpected-indent = La línea { $line } empieza más a la derecha que la anterior, pero esa línea no abre un bloque (no termina con :). Quita los espacios del comienzo de la línea { $line }.
hint-expected-indented-block = El { $keyword } de la línea { $line } termina con dos puntos, así que las líneas que le pertenecen deben ir con sangría: empiézalas 4 espacios más a la derecha.
hint-unindent-mismatch = La línea { $line } empieza en una columna donde no empieza ningún bloque de arriba. Todas las líneas de un bloque empiezan en la misma columna: alinéala con su bloque.
hint-misaligned-else = El { $keyword } de la línea { $line } debe empezar exactamente en la misma columna que el if (o try) al que pertenece.
hint-else-without-if = El { $keyword } de la línea { $line } no tiene un if justo antes: entre ellos solo pueden ir las líneas con sangría del propio if, y el { $keyword } se alinea con su if.
hint-print-needs-parentheses = En Python 3, print es una función: pon entre paréntesis lo que quieras mostrar, como en print("hola").
hint-curly-quote = La línea { $line } tiene la comilla tipográfica { $character }, como las escriben los procesadores de texto y las páginas web. Python solo entiende las comillas rectas " y ': vuelve a teclearlas en el editor.
hint-invalid-character = La línea { $line } tiene el carácter { $character } ({ $code }), que Python no entiende fuera de unas comillas. Suele llegar con código copiado de una página web o un documento: vuelve a teclear esa parte.
hint-missing-comma = En la línea { $line } hay dos valores juntos sin nada entre ellos. Separa con comas los valores de una lista, una llamada o una tupla, como en print("Total:", total).
hint-def-needs-parentheses = Un def necesita paréntesis tras el nombre de la función, aunque no tenga parámetros: def { $name }():
hint-name-starts-with-digit = Un nombre no puede empezar con un dígito (línea { $line }). Empiézalo con una letra, como segundo en lugar de 2do.
hint-return-outside-function = return termina una función, así que solo puede estar dentro de un def. Revisa la sangría de la línea { $line }: debe estar en el cuerpo de la función.
hint-outside-loop = { $keyword } solo funciona dentro de un bucle for o while. Comprueba que la línea { $line } está sangrada dentro del bucle al que pertenece.

# Nombres

hint-name-in-earlier-example = { $name } se define en el ejemplo { $example } de arriba, que aún no se ha ejecutado. Ejecútalo antes, o pulsa Ejecutar antes los de arriba.
hint-name-typo = No existe { $name }. ¿Querías decir { $suggestion }? Python distingue los nombres letra a letra, mayúsculas y minúsculas incluidas.
hint-name-not-imported = { $name } es un módulo: añade import { $name } al principio del programa, antes de las líneas que lo usan.
hint-name-defined-later = { $name } recibe su valor en la línea { $defined }, pero la línea { $line } se ejecuta antes. Python ejecuta un programa de arriba abajo: sube la definición por encima de su primer uso.
hint-name-not-defined = Nada se llama { $name } cuando se ejecuta la línea { $line }: dale antes un valor ({ $name } = ...). Si querías el texto { $name }, ponlo entre comillas: "{ $name }".
hint-unbound-local = { $function } da un valor a { $name } en la línea { $assigned }, lo que hace que { $name } sea local en { $function }, y aún no tiene valor cuando esta línea lo lee. Pasa el valor como parámetro y devuelve el nuevo, o escribe global { $name } al principio de { $function }.

# Tipos

hint-join-text-and-number = { $name } contiene el número { $value }, y + no puede unir texto y un número. Conviértelo con str({ $name }), o escribe un f-string: f"... {"{"}{ $name }{"}"}".
hint-text-in-arithmetic = { $name } contiene el texto { $value }, y un texto no puede participar en { $operator }. Conviértelo antes en número: int({ $name }), o float({ $name }) para decimales.
hint-list-plus-item = + une dos listas. Para añadir un elemento a { $name }, escribe { $name }.append({ $item }) (o { $name } + [{ $item }] para una lista nueva).
hint-division-gives-float = { $expression } da un float, aunque la división sea exacta, y { $use ->
    [range] range()
   *[index] un índice
} necesita un número entero. Divide con // en su lugar: { $fixed }.
hint-input-is-text = { $name } contiene el texto { $value }: input() siempre da texto, aunque se tecleen cifras. Conviértelo en número: int({ $name }), o float({ $name }) para decimales.
hint-function-returns-none = { $returns ->
    [none] { $function }() (línea { $defined }) no tiene ningún return con un valor, así que llamarla da None. Añade un return con el resultado que debe dar.
   *[some] { $function }() (línea { $defined }) terminó sin llegar a un return con valor, así que esta llamada dio None. Comprueba que todos sus caminos devuelven su resultado.
}
hint-method-returns-none = { $name } es None: { $method }() cambia el propio { $object } y devuelve None. Llama a { $object }.{ $method }(...) en una línea aparte y sigue usando { $object }.
hint-method-result-none = { $method }() cambia el propio { $object } y devuelve None, así que aquí no hay nada que usar. Llámalo en una línea aparte y luego usa { $object }.
hint-print-returns-none = { $name } es None: print() muestra texto y devuelve None. Para guardar un valor, asígnalo, y muéstralo en otra línea.
hint-shadowed-builtin = { $name } recibió un valor en la línea { $assigned }, así que ya no es la función { $name }() de Python. Elige otro nombre para tu variable (total en lugar de sum, por ejemplo).
hint-missing-operator = { $value }(...) llama a { $value } como si fuera una función. Para multiplicar, escribe * entre ellos: { $value } * (...).
hint-iterate-number = Un bucle for recorre los elementos de una secuencia, y { $expression } es un número. Para contar desde 0 hasta él, recorre range({ $expression }).
hint-cannot-change = { $type ->
    [str] Un texto no se puede cambiar una vez creado, así que { $name }[...] = ... no está permitido. Crea un texto nuevo, como en { $name } = "b" + { $name }[1:], o usa una lista.
   *[tuple] Una tupla no se puede cambiar una vez creada. Usa una lista (entre corchetes) si sus elementos deben cambiar.
}
hint-text-has-no-method = { $name } contiene texto, y el texto no tiene { $method }(): no se puede cambiar en su sitio. Crea un texto nuevo con +, como en { $name } = { $name } + "!", o usa una lista.
hint-missing-argument = { $function }() está definida en la línea { $defined } como def { $function }({ $parameters }), y esta llamada omite { $missing }. Da un valor para cada parámetro, en orden.
hint-too-many-arguments = def { $function }({ $parameters }) en la línea { $defined } recibe { $takes ->
    [0] ningún valor
    [one] un valor
   *[other] { $takes } valores
}, y esta llamada le da { $given }. Llámala con un valor por cada parámetro.
hint-missing-self = { $method } es un método: Python le pasa primero el propio objeto, así que su def de la línea { $defined } necesita un primer parámetro self, como en def { $method }(self):.
hint-compare-text-number = { $input ->
    [yes] { $name } contiene el texto { $value }, de input(), y un texto no se puede comparar con un número. Conviértelo al leerlo: { $name } = int(input(...)).
   *[no] { $name } contiene el texto { $value }, y un texto no se puede comparar con un número. Conviértelo antes: int({ $name }).
}
hint-text-times-decimal = { $input ->
    [yes] { $name } contiene el texto { $value }, de input(): multiplicar un texto lo repite, y solo un número entero de veces. Conviértelo antes: float({ $name }).
   *[no] { $name } contiene el texto { $value }: multiplicar un texto lo repite, y solo un número entero de veces. Conviértelo antes: float({ $name }).
}
hint-length-of-number = { $name } es un número, y solo las colecciones y los textos tienen longitud. Para contar sus cifras, usa len(str({ $name })).
hint-range-of-list = range() cuenta hasta un número. Para recorrer los elementos de { $name }, escribe for elemento in { $name }:, o recorre range(len({ $name })) para sus posiciones.

# Índices y claves

hint-index-out-of-range = { $type ->
    [str] { $name } tiene { $length ->
        [one] un carácter
       *[other] { $length } caracteres
    }
   *[other] { $name } tiene { $length ->
        [one] un elemento
       *[other] { $length } elementos
    }
}, así que sus posiciones van de 0 a { $last } (o de -{ $length } a -1), y el índice aquí es { $index }.
hint-index-empty = { $name } está vacío aquí, así que no tiene posición { $index }. Comprueba que tiene elementos antes de leer uno (if { $name }:).
hint-index-with-item = { $index } recorre los propios elementos de { $name }, no sus posiciones. Usa { $index } directamente, o recorre range(len({ $name })) para tener posiciones.
hint-index-is-text = El índice { $index } contiene el texto { $value }. Conviértelo antes en número: int({ $index }).
hint-key-close = { $name } no tiene la clave { $key }. Las claves deben coincidir exactamente, mayúsculas y minúsculas incluidas; las más parecidas que tiene: { $close }.
hint-key-missing = { $name } no tiene la clave { $key }. Sus claves son { $keys }. Para comprobarlo antes: if { $key } in { $name }:, o usa { $name }.get({ $key }).
hint-key-in-empty-dict = { $name } está vacío aquí, así que no tiene la clave { $key }. Añade antes la clave ({ $name }[{ $key }] = ...), o usa { $name }.get({ $key }).
hint-unpack-dict-loop = Recorrer un diccionario da solo sus claves. Para tener cada clave con su valor, recorre { $name }.items().

# Números

hint-divide-by-zero = { $name } vale 0 aquí, y nada se puede dividir entre 0. Compruébalo antes de dividir: if { $name } != 0:
hint-divide-by-empty = { $name } está vacío, así que len({ $name }) es 0, y nada se puede dividir entre 0. Comprueba antes que tiene elementos: if { $name }:
hint-int-from-empty = int() recibió un texto vacío: la línea leída no tenía nada. Teclea un número antes de pulsar Intro.
hint-int-from-decimal = int() solo lee números enteros, y { $text } tiene un punto decimal. Léelo con float() (o con int(float(...)) para quitar los decimales).
hint-int-from-text = int() solo puede leer cifras (con un signo delante), y { $text } tiene otros caracteres. Revisa lo que se tecleó, o lo que contiene el texto.
hint-decimal-comma = Python escribe los decimales con punto, no con coma: { $fixed }, no { $text }. Para aceptar una coma, cámbiala antes: texto.replace(",", ".").
hint-float-from-text = float() lee números como 3.5 o -2, y { $text } no es uno. Revisa lo que se tecleó, o lo que contiene el texto.

# Funciones que se llaman a sí mismas, bucles que no terminan

hint-recursion-without-end = { $function }() (línea { $defined }) se llamó a sí misma una y otra vez sin fin. Una función recursiva necesita un caso base: un if que devuelva sin llamarse a sí misma, al que cada llamada se acerque.
hint-recursion-values = { hint-recursion-without-end } La última llamada tenía { $values }.
hint-loop-condition-unchanged = El bucle de la línea { $line } no terminó nunca: su condición { $condition } depende de { $names }, y nada dentro del bucle { $count ->
    [one] lo cambia
   *[other] los cambia
}, así que la condición sigue siendo verdadera.
hint-loop-without-break = El bucle while True de la línea { $line } no tiene break, así que nada lo termina. Añade un break (dentro de un if) para cuando deba parar.
hint-loop-never-breaks = El bucle while True de la línea { $line } nunca llegó a su break (o return). Comprueba que el if que lo rodea puede hacerse verdadero.
hint-loop-still-running = El programa seguía en el bucle de la línea { $line } cuando se detuvo. Comprueba que su condición { $condition } puede volverse falsa: algo dentro del bucle debe acercarlo al final.
hint-loop-grows-list = El bucle for de la línea { $line } añade elementos a { $name } mientras recorre { $name }, así que nunca llega al final. Recorre una copia ({ $name }[:]) o añade a otra lista.

# Archivos y módulos

hint-file-not-found = Aquí no hay ningún archivo { $file }. { $count ->
    [0] Este programa aún no tiene archivos.
    [one] El único archivo es { $files }.
   *[other] Los archivos son: { $files }.
} Los nombres deben coincidir exactamente, mayúsculas y minúsculas incluidas.
hint-file-case = No existe { $file }, pero sí { $existing }: los nombres de archivo deben coincidir exactamente, mayúsculas y minúsculas incluidas.
hint-module-not-available = { $module } no forma parte de Python: se instala aparte (con pip), y Sandpiper solo tiene la biblioteca estándar de Python.
hint-module-typo = No hay ningún módulo llamado { $module }. ¿Querías decir { $suggestion }?
hint-module-shadowed = Tu archivo { $file } se llama igual que el módulo { $module } de Python, así que import { $module } encontró el tuyo. Cambia el nombre de tu archivo.
