package dev.orderplatform.goods.catalogue;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a JSON price, number ({@code 12.50}) or string ({@code "12.50"}), as the exact text the client wrote: it
 * never passes through a double, and {@link GoodsRules} parses and checks it like a gRPC price.
 */
class PriceTextDeserializer extends ValueDeserializer<String> {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_STRING
                || token == JsonToken.VALUE_NUMBER_INT
                || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getString(); // for a number: its literal text, e.g. "12.50", "1e2"
        }
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return parser.getString(); // refused by the rules as "not a decimal number", field by field
        }
        return (String) context.handleUnexpectedToken(String.class, parser);
    }
}
